"""Importing a branch's dues bases for a year from Excel (党费基数导入), with the kernel's import machinery.

The sheet (姓名, 身份证号, 人员类别, 缴费基数, and optionally 年度) is read by
`core.importing` (archive checks, the streamed reader, errors by row and
column). Every row is checked first — the base a non-negative number of yuan
with at most two decimals, the category, the person by ID number among the
people of the organization the importer may see, the name against that person,
one row per member and year — and a sheet with any bad row writes nothing.
A good sheet is written through `base_declare`, in one transaction, with one
IMPORT entry in the audit trail naming the file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, crypto, excel, idcard
from dangjian.core.importing import (
    AuditContext,
    CellError,
    Change,
    Column,
    ImportAborted,
    ImportResult,
    Row,
    chunked,
    integer,
    read_rows,
    text,
    timed,
)
from dangjian.core.masking import mask_id_number
from dangjian.orgs.models import Organization
from dangjian.people.models import Member
from dangjian.people.selectors.for_apps import people_in

from ..conf import DuesSettings
from ..models import Category, DuesBase
from ..selectors.lists import dues_members
from .bases import MIN_YEAR, base_declare, collecting_org

COLUMNS = [
    Column("姓名", required=True),
    Column("身份证号", required=True),
    Column("人员类别", required=True),
    Column("缴费基数", required=True),
    Column("年度"),
]
CATEGORY_ALIASES = {
    "在职": Category.IN_WORK,
    "在职党员": Category.IN_WORK,
    "离退休": Category.RETIRED,
    "离休": Category.RETIRED,
    "退休": Category.RETIRED,
    "离退休党员": Category.RETIRED,
    "学生及无收入": Category.NO_INCOME,
    "学生": Category.NO_INCOME,
    "无收入": Category.NO_INCOME,
    "无固定收入": Category.NO_INCOME,
}


def money_cell(value: Any) -> Decimal:
    """A base cell: a number of yuan, not negative, at most two decimals."""
    label = text(value)
    if not label:
        raise CellError("缴费基数不能为空")
    try:
        amount = Decimal(label.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise CellError(f"缴费基数“{label}”不是数字") from None
    if not amount.is_finite():
        raise CellError(f"缴费基数“{label}”不是数字")
    if amount < 0:
        raise CellError(f"缴费基数不能为负数（“{label}”）")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(f"缴费基数“{label}”最多保留两位小数")
    if amount > DuesSettings.current().max_base:
        raise CellError(f"缴费基数“{label}”过大，请核对（单位：元/月）")
    return amount.quantize(Decimal("0.01"))


@dataclass
class BaseRow:
    row: Row
    name: str
    id_number: str
    category: str
    base: Decimal | None
    year: int
    person: Member | None = None


def _parse(row: Row, year: int) -> BaseRow:
    name = row.get("姓名", text, required="姓名", max_length=50) or ""
    raw_id = row.get("身份证号", text, required="身份证号") or ""
    number = ""
    if raw_id:
        try:
            number = idcard.validate(raw_id)
        except idcard.IdNumberError as e:
            row.fail("身份证号", str(e))
    label = "".join(text(row.raw("人员类别")).split())
    category = CATEGORY_ALIASES.get(label, "")
    if not label:
        row.fail("人员类别", "人员类别不能为空")
    elif not category:
        row.fail("人员类别", f"人员类别“{label}”无法识别，应为：在职、离退休、学生及无收入")
    base = row.get("缴费基数", money_cell)
    row_year = year
    if row.has("年度") and text(row.raw("年度")):
        row_year = row.get("年度", integer, low=MIN_YEAR, high=year + 1) or year
    return BaseRow(row=row, name=name, id_number=number, category=category, base=base, year=row_year)


def _resolve(rows: list[BaseRow], org: Organization, scope_user: Any) -> None:
    """Each row's person among ORG's people the importer may see (in bulk); names; duplicates."""
    digests = [crypto.digest(r.id_number) for r in rows if r.id_number]
    visible = dues_members(scope_user) if scope_user is not None else Member.objects.all()
    in_org = people_in(org).filter(pk__in=visible.values("pk")).select_related("org")
    found: dict[str, Member] = {}
    elsewhere: set[str] = set()
    for part in chunked(digests):
        for m in in_org.filter(id_number_digest__in=part):
            found[m.id_number_digest] = m
        elsewhere.update(visible.filter(id_number_digest__in=part).values_list("id_number_digest", flat=True))
    seen: dict[tuple[int, int], int] = {}
    for r in rows:
        if not r.id_number:
            continue
        digest = crypto.digest(r.id_number)
        person = found.get(digest)
        if person is None:
            where = f"不是{org.name}的党员" if digest in elsewhere else "未在人员名册中登记，或不在您的管理范围内"
            r.row.fail("身份证号", f"身份证号 {mask_id_number(r.id_number)} {where}")
            continue
        if r.name and r.name != person.name:
            r.row.fail("姓名", f"姓名“{r.name}”与该身份证号登记的姓名（{person.name}）不符")
            continue
        key = (person.pk, r.year)
        if key in seen:
            r.row.fail("身份证号", f"与第{seen[key]}行重复：同一党员每个年度只能有一个缴费基数")
            continue
        seen[key] = r.row.number
        r.person = person


def import_bases_file(
    path: str | Path,
    *,
    org: Organization,
    year: int,
    actor: Any = None,
    scope_user: Any = None,
    dry_run: bool = False,
    file_name: str | None = None,
    request: Any = None,
) -> ImportResult:
    """Check the bases in PATH for ORG's people and, unless DRY_RUN or a row is bad, declare them all."""
    started = time.perf_counter()
    result = ImportResult(kind="dues-bases", file_name=file_name or Path(path).name, dry_run=dry_run)
    table = read_rows(path, COLUMNS, result)
    if table is None:
        return timed(result, started)
    rows = [_parse(Row(n, values, table.headers, result), year) for n, values in table.rows]
    if table.failed:
        return timed(result, started)
    _resolve(rows, org, scope_user)
    if result.errors:
        return timed(result, started)
    existing = {
        (b.member_id, b.year): b
        for b in DuesBase.objects.filter(
            member_id__in=[r.person.pk for r in rows if r.person], year__in={r.year for r in rows}
        )
    }
    for r in rows:
        assert r.person is not None and r.base is not None
        old = existing.get((r.person.pk, r.year))
        if (
            old is not None
            and (old.category, old.base) == (r.category, r.base)
            and old.org_id == collecting_org(r.person).pk
        ):
            result.unchanged += 1
            continue
        action = "create" if old is None else "update"
        result.created += action == "create"
        result.updated += action == "update"
        label = f"{r.person.name}：{r.year}年 {Category(r.category).label}"
        result.changes.append(Change(r.row.number, action, mask_id_number(r.id_number), label))
    if dry_run:
        return timed(result, started)
    context = AuditContext(actor=actor, remote_addr=audit.client_address(request))
    try:
        with transaction.atomic(), context.active(in_request=request is not None):
            for r in rows:
                assert r.person is not None
                base_declare(member=r.person, year=r.year, category=r.category, base=r.base, by=actor)
            context.summary(result, model=DuesBase, request=request)
    except (ValidationError, ImportAborted) as e:
        result.error(None, "", "；".join(getattr(e, "messages", [str(e)])) + "。未导入任何数据。")
    return timed(result, started)


def template_bytes() -> bytes:
    headers = ["* 姓名", "* 身份证号", "* 人员类别（在职/离退休/学生及无收入）", "* 缴费基数（元/月）", "年度"]
    notes = [
        "党费缴纳基数导入说明：",
        "每行一名党员；按身份证号匹配本组织的党员，姓名须与名册一致。",
        "在职党员填写每月税后工资收入，离退休党员填写每月养老金，学生及无收入党员可填 0。",
        "缴费基数为不小于 0 的数字，最多两位小数。年度不填时按导入页面选择的年度。",
        "任何一行有错误时整个文件都不会导入；同一文件重复导入不会产生重复记录。",
    ]
    return excel.workbook_bytes(headers, [], title="党费基数", notes=notes)
