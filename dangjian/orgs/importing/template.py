"""The downloadable organization template: the headers, one example row and instructions."""

from __future__ import annotations

import datetime as dt

from dangjian.core import excel

from ..models import OrgKind
from .cells import COLUMNS


def template_bytes() -> bytes:
    example = ["A01", "市财政局第一党支部", "党支部", "A", "市财政局、市国资委", dt.date(2010, 7, 1),
               dt.date(2023, 6, 28), "", "否", ""]  # fmt: skip
    required = "、".join(c.header for c in COLUMNS if c.required)
    notes = [
        "党组织导入说明",
        "1. 第一行为表头，列的顺序可以调整，表头上方可以有一行标题；示例行请删除后再填写。",
        f"2. 必填列：{required}。",
        f"3. 组织类别：{'、'.join(map(str, OrgKind.labels))}。"
        "党委下可设党委、党总支、党支部；党总支下设党支部；党支部下设党小组。",
        "4. 上级组织编码可以是本表中（前面或后面的行）或系统中已有的组织编码；只有工委可以不填。",
        "5. 已有组织按组织编码更新；不能通过导入调整上级组织（隶属关系调整请在组织页面办理）。",
        "6. 所在单位：多个单位用“、”分隔；系统中没有的单位会自动登记。",
        "7. 日期可以是 Excel 日期，也可以写成 2020-07-01（或 2020/07/01、2020.07.01）。",
        "8. 本届选举日期：填写后登记该次换届选举；任期年数留空时按组织类别默认（党委5年，党总支、党支部3年）。",
        "9. 是否设支委会：填“是”或“否”。审批文号：规模不足而经上级批准设立时填写。",
        "10. 任何一行有错误时整个文件都不会导入：请按提示的行号、列名修改后重新上传。",
    ]
    return excel.workbook_bytes([c.header for c in COLUMNS], [example], title="党组织", notes=notes)
