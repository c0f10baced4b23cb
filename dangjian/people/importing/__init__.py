"""Importing a roster from Excel (人员名册导入).

`import_members_file` reads the sheet (cells.py), checks every row in memory
against the roster rules (those of `services.validate_member_data` and
`services.post_assign`), against the other rows and against what is already in
the database, fetched in bulk; then, only when every row is good, writes it all
in one transaction with bulk inserts and updates (write.py).

People are keyed by their ID number (through its digest): a row for someone
already on the roster updates them, and only the fields whose columns the
sheet has. Importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from dangjian.core import audit, scoping, tree
from dangjian.core.importing import AuditContext, Change, ImportResult, Row, chunked, read_rows, timed
from dangjian.core.masking import mask_id_number
from dangjian.orgs.models import Organization, Unit, add_years

from ..models import Member, Status
from ..services import ID_NUMBER_TAKEN, party_record_problems
from ..services import PARTY_STATUSES as PARTY
from .cells import COLUMNS, FIELD_HEADERS, MemberRow, flag_duplicates, parse_row
from .template import template_bytes
from .write import Plan, write_plan

__all__ = ["COLUMNS", "import_members_file", "template_bytes"]


def import_members_file(
    path: str | Path,
    *,
    actor: Any = None,
    scope_user: Any = None,
    dry_run: bool = False,
    file_name: str | None = None,
    request: Any = None,
    progress: Callable[[int], None] | None = None,
    remote_addr: str | None = None,
) -> ImportResult:
    """Check the roster in PATH and, unless DRY_RUN or any row is bad, write all of it.

    SCOPE_USER limits the organizations rows may name, and the people they may
    update, to that user's subtree (the web page passes the uploader; commands
    None). ACTOR is named in the audit trail,
    with REMOTE_ADDR when the import runs in the task worker. PROGRESS is told the rows read.
    """
    started = time.perf_counter()
    result = ImportResult(kind="members", file_name=file_name or Path(path).name, dry_run=dry_run)
    table = read_rows(path, COLUMNS, result, progress=progress)
    if table is None:
        return timed(result, started)
    rows = [parse_row(Row(n, values, table.headers, result)) for n, values in table]
    if table.failed:
        return timed(result, started)
    flag_duplicates(rows, result)
    plan = Plan(context=AuditContext(actor=actor, remote_addr=remote_addr or audit.client_address(request)))
    _resolve(rows, plan, scope_user)  # every row, so a row's organization is checked even if its ID is bad
    rows = [r for r in rows if not r.row.bad]
    for r in rows:
        _finalize(r, plan)
    rows = [r for r in rows if not r.row.bad]
    plan.posts_for(rows)
    if result.errors:
        return timed(result, started)
    _count(rows, plan, result)
    if dry_run:
        return timed(result, started)
    try:
        with transaction.atomic(), plan.context.active(in_request=request is not None):
            write_plan(plan)
            plan.context.summary(result, model=Member, request=request)
    except IntegrityError:
        result.error(None, "", "导入时数据已被他人同时修改（如同一身份证号刚被登记），未导入任何数据，请重新导入。")
    return timed(result, started)


def _resolve(rows: list[MemberRow], plan: Plan, scope_user: Any) -> None:
    """Fetch in bulk the organizations, units and people the rows name, and check the rows against them."""
    for part in chunked(sorted({r.org_code for r in rows})):
        for org in Organization.objects.filter(code__in=part).only("id", "code", "name", "path", "kind"):
            plan.orgs[org.code] = org
    for part in chunked(sorted({r.unit_name for r in rows if r.unit_name})):
        for unit in Unit.objects.filter(name__in=part):
            plan.units[unit.name] = unit
    existing: dict[str, Member] = {}
    for part in chunked([r.digest for r in rows if r.digest]):
        for member in Member.objects.filter(id_number_digest__in=part).select_related("org"):
            existing[member.id_number_digest] = member
    # People who left the roster (transferred out) keep their number: a row for one is refused.
    left: set[str] = set()
    for part in chunked([r.digest for r in rows if r.digest]):
        gone = Member.everyone.filter(id_number_digest__in=part, left_on__isnull=False)
        left.update(gone.values_list("id_number_digest", flat=True))
    paths = scoping.scope_paths(scope_user) if scope_user is not None else None

    def in_scope(org: Organization) -> bool:
        return paths is None or tree.is_within(org.path, paths)

    for r in rows:
        org = plan.orgs.get(r.org_code)
        if r.org_code and (org is None or not in_scope(org)):
            # Out of scope reads like missing, so an import cannot probe other subtrees.
            where = "不存在或不在您的管理范围内" if paths is not None else "不存在"
            r.row.fail("所在组织编码", f"所在组织编码“{r.org_code}”{where}")
        if r.unit_name and r.unit_name not in plan.units:
            r.row.fail("工作单位", f"工作单位“{r.unit_name}”未在党组织表中登记（请先在党组织表的“所在单位”中登记）")
        r.existing = existing.get(r.digest) if r.digest else None
        if (r.existing is not None and not in_scope(r.existing.org)) or r.digest in left:
            # The form's answer, not where the record is (that would let an import probe other subtrees).
            r.row.fail("身份证号", ID_NUMBER_TAKEN)


def _finalize(r: MemberRow, plan: Plan) -> None:
    """The record as it will be after the import, checked as a whole (validate_member_data's rules)."""
    values = dict(r.values)
    values["org"] = plan.orgs[r.org_code]
    if r.unit_name is not None:
        values["unit"] = plan.units.get(r.unit_name) if r.unit_name else None
    m = r.existing
    if m is None:
        final: dict[str, Any] = {
            "phone": "", "education": "", "unit": None, "job_title": "", "cadre_rank": "", "joined_party_on": None,
        }  # fmt: skip
        final.update(values)
    else:
        current = {f: getattr(m, f) for f in FIELD_HEADERS if f not in ("phone", "unit", "org")}
        current["unit"], current["org"] = m.unit_id, m.org_id
        # Decrypting costs time: only when the sheet has a phone column to compare with.
        current["phone"] = m.phone if "phone" in values else ""
        final = {**current, **values}
        r.changed = [f for f in FIELD_HEADERS if f in values and _differs(current[f], values[f])]
        r.old_org = m.org
    r.final = final
    status, born = final["status"], final["birth_date"]
    for name, message in party_record_problems(
        status=status, joined_party_on=final["joined_party_on"], birth_date=born
    ):
        r.row.fail(FIELD_HEADERS[name], message)
    if r.titles and status not in PARTY:
        r.row.fail("党内职务", f"{Status(status).label}不能担任党内职务")
    if r.post_started and born and r.post_started < add_years(born, 18):
        r.row.fail("任职日期", "任职日期早于本人年满18周岁，请核对")


def _differs(old: Any, new: Any) -> bool:
    if hasattr(new, "pk"):  # a unit or organization, against the stored id
        new = new.pk
    return (old or None) != (new or None)


def _count(rows: list[MemberRow], plan: Plan, result: ImportResult) -> None:
    for r in rows:
        new_posts = plan.new_posts_by_row.get(r.number, [])
        if r.existing is None:
            plan.creates.append(r)
            result.created += 1
            action, fields = "create", []
        elif r.changed or new_posts:
            plan.updates.append(r)
            result.updated += 1
            action = "update"
            fields = [FIELD_HEADERS[f] for f in r.changed] + (["党内职务"] if new_posts else [])
            if "org" in r.changed:
                plan.transfers.append(r)
        else:
            result.unchanged += 1
            continue
        label = f"{r.final['name']}（{r.final['org'].name}）"
        result.changes.append(Change(r.number, action, mask_id_number(r.id_number), label, fields))
    plan.posts_ending_with_transfers()
    result.extra = {
        "新增党内职务": len(plan.new_posts),
        "免去原任书记": len(plan.ended_secretaries),
        "组织关系转接": len(plan.transfers),
        "随转接免去职务": len(plan.ended_by_transfer),
    }
