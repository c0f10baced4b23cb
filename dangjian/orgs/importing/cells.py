"""Reading one row of the organization sheet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dangjian.core.importing import (
    CellError,
    Column,
    ImportResult,
    Row,
    choice,
    date,
    integer,
    split_names,
    text,
    yes_no,
)

from ..models import Election, Organization, OrgKind

COLUMNS = [
    Column("组织编码", required=True),
    Column("组织名称", required=True),
    Column("组织类别", required=True),
    Column("上级组织编码", required=True),
    Column("所在单位"),
    Column("成立日期"),
    Column("本届选举日期"),
    Column("任期年数"),
    Column("是否设支委会"),
    Column("审批文号"),
]

# Organization field → its column, in the order the preview lists changes.
FIELD_HEADERS = {
    "name": "组织名称",
    "kind": "组织类别",
    "founded_on": "成立日期",
    "term_years": "任期年数",
    "has_branch_committee": "是否设支委会",
    "approval_doc": "审批文号",
}

KIND_LABELS = OrgKind.labels  # built once, not per row
KIND_ALIASES = {
    **{k.label: k.value for k in OrgKind},
    "工作委员会": OrgKind.COMMITTEE,
    "机关工委": OrgKind.COMMITTEE,
    "直属机关工委": OrgKind.COMMITTEE,
    "机关工作委员会": OrgKind.COMMITTEE,
    "机关党委": OrgKind.PARTY_COMMITTEE,
    "基层党委": OrgKind.PARTY_COMMITTEE,
    "党的委员会": OrgKind.PARTY_COMMITTEE,
    "总支": OrgKind.GENERAL_BRANCH,
    "党总支部": OrgKind.GENERAL_BRANCH,
    "总支部": OrgKind.GENERAL_BRANCH,
    "支部": OrgKind.BRANCH,
    "联合支部": OrgKind.BRANCH,
    "联合党支部": OrgKind.BRANCH,
    "党支部（联合支部）": OrgKind.BRANCH,
    "小组": OrgKind.GROUP,
}


def unit_names(value: Any) -> list[str]:
    names = split_names(value)
    for name in names:
        if len(name) > 100:
            raise CellError(f"单位名称“{name[:20]}…”过长，最多100字")
    return names


@dataclass
class OrgRow:
    """A parsed row. VALUES holds the fields whose columns the sheet has."""

    number: int
    row: Row
    code: str
    parent_code: str
    values: dict[str, Any]
    units: list[str] | None  # None: no such column
    elected_on: dt.date | None
    existing: Organization | None = None
    changed: list[str] = field(default_factory=list)
    units_changed: bool = False
    election: Election | None = None  # the existing election of that date
    election_action: str = ""  # "", "create", "update"
    depth: int = 0  # in the sheet's own tree, for writing parents first


def parse_row(row: Row) -> OrgRow:
    code = row.get("组织编码", text, required="组织编码", max_length=32) or ""
    values: dict[str, Any] = {
        "name": row.get("组织名称", text, required="组织名称", max_length=100),
        "kind": row.get("组织类别", choice, KIND_ALIASES, what="组织类别", allowed=KIND_LABELS, required=True),
    }
    parent_code = row.get("上级组织编码", text, max_length=32) or ""
    if row.has("成立日期"):
        values["founded_on"] = row.get("成立日期", date, not_after_today=True)
    if row.has("任期年数"):
        values["term_years"] = row.get("任期年数", integer, low=1, high=10)
    if row.has("是否设支委会"):
        values["has_branch_committee"] = row.get("是否设支委会", yes_no)
    if row.has("审批文号"):
        values["approval_doc"] = row.get("审批文号", text, max_length=100)
    units = row.get("所在单位", unit_names) if row.has("所在单位") else None
    elected = row.get("本届选举日期", date, not_after_today=True) if row.has("本届选举日期") else None
    founded = values.get("founded_on")
    if elected and founded and elected < founded:
        row.fail("本届选举日期", f"本届选举日期早于成立日期（{founded:%Y-%m-%d}）")
    if code and parent_code == code:
        row.fail("上级组织编码", "上级组织编码不能是本组织自己的编码")
    return OrgRow(row.number, row, code, parent_code, values, units, elected)


def flag_duplicates(rows: list[OrgRow], result: ImportResult) -> None:
    seen: dict[str, list[OrgRow]] = {}
    for r in rows:
        if r.code:
            seen.setdefault(r.code, []).append(r)
    for same in seen.values():
        if len(same) > 1:
            for r in same:
                others = "、".join(f"第{o.number}行" for o in same if o is not r)
                r.row.fail("组织编码", f"组织编码与{others}重复")
