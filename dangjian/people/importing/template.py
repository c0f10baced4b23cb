"""The downloadable roster template: the headers, one example row and a sheet of instructions."""

from __future__ import annotations

import datetime as dt

from dangjian.core import excel, idcard

from ..models import CadreRank, Education, PostTitle, Status
from .cells import COLUMNS


def template_bytes() -> bytes:
    born = dt.date(1985, 6, 15)
    first17 = f"150102{born:%Y%m%d}013"
    example = [
        "张建华", "男", "汉族", born, first17 + idcard.check_digit(first17), "13800000000", "大学本科",
        "市财政局", "科长", "科级", "正式党员", dt.date(2008, 7, 1), "A01", "委员", dt.date(2021, 6, 30),
    ]  # fmt: skip
    required = "、".join(c.header for c in COLUMNS if c.required)
    notes = [
        "人员名册导入说明",
        "1. 第一行为表头，列的顺序可以调整，表头上方可以有一行标题；示例行请删除后再填写。",
        f"2. 必填列：{required}。",
        "3. 日期可以是 Excel 日期，也可以写成 2020-07-01（或 2020/07/01、2020.07.01）。",
        "4. 身份证号须为18位、校验码正确，其中的出生日期须与“出生日期”一致；请把该列设为文本格式，以免末几位丢失。",
        "5. 性别：男/女，可留空（按身份证号判断）；民族写全称，如“汉族”“蒙古族”。",
        f"6. 人员类别：{'、'.join(map(str, Status.labels))}；党员须填写入党日期，其他人员不填。",
        f"7. 学历：{'、'.join(map(str, Education.labels))}（也可写本科、硕士、大专等）。",
        f"8. 职级：{'、'.join(map(str, CadreRank.labels))}（也可写正处、副科、一级主任科员等）。",
        "9. 工作单位须是党组织表“所在单位”中已登记的单位名称，可留空。",
        "10. 所在组织编码须是系统中已有的党组织编码，并在您的管理范围内。",
        f"11. 党内职务：{'、'.join(map(str, PostTitle.labels))}，可填多个并用“、”分隔，须同时填写任职日期；"
        "已担任的职务不会重复登记。",
        "12. 已登记的身份证号再次导入时更新该人员；表中没有的列不改动原有信息；所在组织变化时记为组织关系转接。",
        "13. 任何一行有错误时整个文件都不会导入：请按提示的行号、列名修改后重新上传。",
    ]
    return excel.workbook_bytes([c.header for c in COLUMNS], [example], title="人员名册", notes=notes)
