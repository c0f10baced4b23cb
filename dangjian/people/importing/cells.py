"""Reading one roster row: Chinese labels to choices, and the checks a row can make alone."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from dangjian.core import crypto, idcard
from dangjian.core.importing import CellError, Column, ImportResult, Row, choice, date, text

from ..models import CadreRank, Education, Gender, Member, PostTitle, Status
from ..services import clean_phone

COLUMNS = [
    Column("姓名", required=True),
    Column("性别"),
    Column("民族", required=True),
    Column("出生日期", required=True),
    Column("身份证号", required=True),
    Column("手机号"),
    Column("学历"),
    Column("工作单位"),
    Column("职务"),
    Column("职级"),
    Column("人员类别", required=True),
    Column("入党日期"),
    Column("所在组织编码", required=True),
    Column("党内职务"),
    Column("任职日期"),
]

# Model field → the column it comes from, in the order the preview lists changes.
FIELD_HEADERS = {
    "name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "phone": "手机号",
    "education": "学历",
    "unit": "工作单位",
    "job_title": "职务",
    "cadre_rank": "职级",
    "status": "人员类别",
    "joined_party_on": "入党日期",
    "org": "所在组织编码",
}

GENDER_ALIASES = {
    "男": Gender.MALE,
    "男性": Gender.MALE,
    "M": Gender.MALE,
    "女": Gender.FEMALE,
    "女性": Gender.FEMALE,
    "F": Gender.FEMALE,
}

# Built once: Django's enum builds its labels list on every access (24,000 times in a roster).
GENDER_LABELS = Gender.labels
STATUS_LABELS = Status.labels

STATUS_ALIASES = {
    **{s.label: s.value for s in Status},
    "党员": Status.FULL,
    "中共党员": Status.FULL,
    "中共正式党员": Status.FULL,
    "中共预备党员": Status.PROBATIONARY,
    "积极分子": Status.ACTIVIST,
    "非党员干部": Status.NON_PARTY,
    "非中共党员干部": Status.NON_PARTY,
    "群众": Status.NON_PARTY,
}

# The 56 recognized ethnic groups, so that "蒙古" becomes "蒙古族" and typos are caught.
ETHNIC_GROUPS = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC_NAMES = {g + "族" for g in ETHNIC_GROUPS}

POST_ALIASES = {
    **{t.label: t.value for t in PostTitle},
    "党小组长": PostTitle.GROUP_LEADER,
    "组长": PostTitle.GROUP_LEADER,
    "支委": PostTitle.COMMITTEE_MEMBER,
    "支委委员": PostTitle.COMMITTEE_MEMBER,
    "纪律检查委员": PostTitle.DISCIPLINE,
}
# "党支部书记", "机关党委副书记": the organization's kind in front of the post says nothing more.
_POST_PREFIX = re.compile(r"^(机关党委|基层党委|党委|党总支|总支|党支部|支部|支委会)")


def ethnicity(value: Any) -> str:
    name = "".join(text(value, required="民族").split())
    if name in _ETHNIC_NAMES:
        return name
    if name + "族" in _ETHNIC_NAMES:
        return name + "族"
    if name in ("穿青人", "其他", "外国血统"):
        return name
    raise CellError(f"民族“{name}”无法识别，应为“汉族”“蒙古族”等56个民族之一")


def education(value: Any) -> str:
    """Lenient: 本科/大学本科/学士 → 大学本科, 研究生/硕士 → 硕士研究生, 大专 → 大学专科 …"""
    label = "".join(text(value).split())
    if not label:
        return ""
    rules = (
        (("博士",), Education.DOCTORATE),
        (("硕士", "研究生"), Education.MASTER),
        (("本科", "学士"), Education.BACHELOR),
        (("大专", "专科", "高职"), Education.COLLEGE),
        (("中专", "高中", "初中", "小学", "技校", "职高", "中技", "以下"), Education.SECONDARY),
    )
    if label == "大学":
        return Education.BACHELOR
    for words, value_ in rules:
        if any(w in label for w in words):
            return value_
    raise CellError(f"学历“{label}”无法识别，应为：{'、'.join(map(str, Education.labels))}")


def cadre_rank(value: Any) -> str:
    """Lenient: 正处/副处/县处级/调研员 → 处级, 主任科员/正科/副科 → 科级, 一级科员/办事员 → 科员及以下 …"""
    label = "".join(text(value).split())
    if not label:
        return ""
    rules = (
        (("厅", "局级", "巡视员", "司级"), CadreRank.BUREAU),
        (("处", "调研员", "县级"), CadreRank.DIVISION),
        (("主任科员", "科级", "正科", "副科", "乡科", "科长"), CadreRank.SECTION),
        (("科员", "办事员", "以下"), CadreRank.STAFF),
        (("其他", "其它", "无"), CadreRank.OTHER),
    )
    for words, value_ in rules:
        if any(w in label for w in words):
            return value_
    raise CellError(f"职级“{label}”无法识别，应为：{'、'.join(map(str, CadreRank.labels))}")


def post_titles(value: Any) -> list[str]:
    """'副书记、组织委员' → both posts."""
    titles: list[str] = []
    for part in re.split(r"[、，,；;/\s]+", text(value)):
        if not part:
            continue
        title = POST_ALIASES.get(part) or POST_ALIASES.get(_POST_PREFIX.sub("", part))
        if title is None:
            raise CellError(f"党内职务“{part}”无法识别，应为：{'、'.join(map(str, PostTitle.labels))}")
        if title not in titles:
            titles.append(title)
    return titles


def id_number(value: Any, birth_date: dt.date | None) -> str:
    if isinstance(value, float):
        raise CellError("身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为文本格式后重新填写")
    try:
        return idcard.validate(text(value, required="身份证号"), birth_date)
    except idcard.IdNumberError as e:
        raise CellError(str(e)) from None


def phone(value: Any) -> str:
    try:
        return clean_phone(text(value))
    except ValidationError as e:
        raise CellError("；".join(e.messages)) from None


@dataclass
class MemberRow:
    """A parsed row. VALUES holds the fields whose columns the sheet has."""

    number: int
    row: Row
    id_number: str
    org_code: str
    unit_name: str | None  # None: no such column
    values: dict[str, Any]
    titles: list[str]
    post_started: dt.date | None
    digest: str = ""
    existing: Member | None = None
    old_org: Any = None  # the existing person's organization before the import
    final: dict[str, Any] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)


def parse_row(row: Row) -> MemberRow:
    values: dict[str, Any] = {}
    values["name"] = row.get("姓名", text, required="姓名", max_length=50)
    values["birth_date"] = row.get("出生日期", date, required="出生日期", not_after_today=True)
    number = row.get("身份证号", id_number, values["birth_date"])
    gender = row.get("性别", choice, GENDER_ALIASES, what="性别", allowed=GENDER_LABELS) if row.has("性别") else ""
    if number and gender and gender != idcard.gender_of(number):
        row.fail("性别", f"性别与身份证号不一致（身份证号显示为{Gender(idcard.gender_of(number)).label}）")
    values["gender"] = gender or (idcard.gender_of(number) if number else "")
    values["ethnicity"] = row.get("民族", ethnicity)
    values["status"] = row.get(
        "人员类别", choice, STATUS_ALIASES, what="人员类别", allowed=STATUS_LABELS, required=True
    )
    if row.has("手机号"):
        values["phone"] = row.get("手机号", phone)
    if row.has("学历"):
        values["education"] = row.get("学历", education)
    if row.has("职务"):
        values["job_title"] = row.get("职务", text, max_length=100)
    if row.has("职级"):
        values["cadre_rank"] = row.get("职级", cadre_rank)
    if row.has("入党日期"):
        values["joined_party_on"] = row.get("入党日期", date, not_after_today=True)
    org_code = row.get("所在组织编码", text, required="所在组织编码", max_length=32)
    unit_name = row.get("工作单位", text, max_length=100) if row.has("工作单位") else None
    titles = (row.get("党内职务", post_titles) or []) if row.has("党内职务") else []
    started = row.get("任职日期", date, not_after_today=True) if row.has("任职日期") else None
    if titles and started is None and not row.bad:
        row.fail("任职日期", "填写了党内职务，须同时填写任职日期")
    if started is not None and not titles and not row.bad:
        row.fail("党内职务", "填写了任职日期，须同时填写党内职务")
    parsed = MemberRow(row.number, row, number or "", org_code or "", unit_name, values, titles, started)
    if number:
        parsed.digest = crypto.digest(number)
    return parsed


def flag_duplicates(rows: list[MemberRow], result: ImportResult) -> None:
    """The same ID number on two rows: both are reported, each naming the other."""
    seen: dict[str, list[MemberRow]] = {}
    for r in rows:
        if r.id_number:
            seen.setdefault(r.id_number, []).append(r)
    for same in seen.values():
        if len(same) > 1:
            for r in same:
                others = "、".join(f"第{o.number}行" for o in same if o is not r)
                r.row.fail("身份证号", f"身份证号与{others}重复")
