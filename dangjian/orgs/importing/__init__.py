"""Importing the organization tree from Excel (党组织导入).

`import_orgs_file` reads the sheet (cells.py), checks every row against the
tree rules (`services.check_parent`), the other rows and the database; a row
may name as its parent an organization defined earlier or later in the sheet
or already in the database, and the sheet's own tree is written parents first.
Only when every row is good does it write, in one transaction, through the
organization services (write.py), so auditlog records each change.

Organizations are keyed by code. A sheet cannot move an existing organization
under another parent: that is an affiliation change, which needs a date,
reason and document number, and is done on the organization's page.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.core import audit, scoping, tree
from dangjian.core.importing import (
    AuditContext,
    Change,
    ImportAborted,
    ImportResult,
    Row,
    chunked,
    read_rows,
    timed,
)

from ..models import Election, Organization, OrgKind, Unit
from ..services import check_parent
from .cells import COLUMNS, FIELD_HEADERS, OrgRow, flag_duplicates, parse_row
from .template import template_bytes
from .write import write_rows

__all__ = ["COLUMNS", "import_orgs_file", "template_bytes"]


def import_orgs_file(
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
    """Check the organization sheet in PATH and, unless DRY_RUN or any row is bad, write all of it.

    SCOPE_USER limits the parents rows may name and the organizations they may
    update to that user's subtree, and forbids new roots (the web page passes
    the uploader; commands None). ACTOR is named in the audit trail,
    with REMOTE_ADDR when the import runs in the task worker. PROGRESS is told the rows read.
    """
    started = time.perf_counter()
    result = ImportResult(kind="orgs", file_name=file_name or Path(path).name, dry_run=dry_run)
    table = read_rows(path, COLUMNS, result, progress=progress)
    if table is None:
        return timed(result, started)
    rows = [parse_row(Row(n, values, table.headers, result)) for n, values in table]
    if table.failed:
        return timed(result, started)
    flag_duplicates(rows, result)
    by_code = {r.code: r for r in rows if r.code}
    db = _Database(rows)
    paths = scoping.scope_paths(scope_user) if scope_user is not None else None
    for r in rows:
        if not r.row.bad:
            _check_place(r, by_code, db, paths)
    _check_cycles(rows, by_code)
    for r in rows:
        if not r.row.bad:
            _check_changes(r, db, by_code)
    if result.errors:
        return timed(result, started)
    _count(rows, db, result)
    if dry_run:
        return timed(result, started)
    context = AuditContext(actor=actor, remote_addr=remote_addr or audit.client_address(request))
    try:
        with transaction.atomic(), context.active(in_request=request is not None):
            # Parents first; by code within a level, so treebeard (ordered by code) appends, not shifts.
            write_rows(sorted(rows, key=lambda r: (r.depth, r.code)), result)
            context.summary(result, model=Organization, request=request)
    except ImportAborted:
        pass  # the failing row is recorded; the transaction is rolled back
    return timed(result, started)


class _Database:
    """What the rows name that is already stored, fetched in bulk."""

    def __init__(self, rows: list[OrgRow]) -> None:
        codes = sorted({r.code for r in rows if r.code} | {r.parent_code for r in rows if r.parent_code})
        self.orgs: dict[str, Organization] = {}
        for part in chunked(codes):
            self.orgs.update((o.code, o) for o in Organization.objects.filter(code__in=part))
        step = Organization.steplen
        parent_paths = sorted({o.path[:-step] for o in self.orgs.values() if o.depth > 1})
        self.by_path: dict[str, Organization] = {}
        for part in chunked(parent_paths):
            self.by_path.update((o.path, o) for o in Organization.objects.filter(path__in=part))
        ids = [o.pk for o in self.orgs.values()]
        self.units: dict[int, set[str]] = defaultdict(set)
        self.elections: dict[int, list[Election]] = defaultdict(list)
        for part in chunked(ids):
            through = Organization.units.through.objects.filter(organization_id__in=part).select_related("unit")
            for link in through:
                self.units[link.organization_id].add(link.unit.name)
            for election in Election.objects.filter(org_id__in=part).order_by("-held_on"):
                self.elections[election.org_id].append(election)
        names = sorted({n for r in rows for n in (r.units or [])})
        self.unit_names: set[str] = set()
        for part in chunked(names):
            self.unit_names.update(Unit.objects.filter(name__in=part).values_list("name", flat=True))

    def parent_code(self, org: Organization) -> str:
        if org.depth <= 1:
            return ""
        parent = self.by_path.get(org.path[: -Organization.steplen])
        return parent.code if parent else ""

    def children(self, org: Organization) -> list[Organization]:
        return list(Organization.objects.filter(tree.child_q(org.path)))


def _visible(org: Organization, paths: list[str] | None) -> bool:
    return paths is None or any(org.path.startswith(p) for p in paths)


def _check_place(r: OrgRow, by_code: dict[str, OrgRow], db: _Database, paths: list[str] | None) -> None:
    """Where the row sits: its parent exists (sheet or database), may hold its kind, and is in scope."""
    kind = r.values["kind"]
    r.existing = db.orgs.get(r.code)
    if r.existing is not None and not _visible(r.existing, paths):
        r.row.fail("组织编码", f"组织编码“{r.code}”已被您管理范围以外的组织使用")
        return
    parent_kind: str | None = None
    if r.parent_code:
        if r.parent_code in by_code:
            parent_kind = by_code[r.parent_code].values["kind"]
            if parent_kind is None:
                return  # the parent's own row reports its bad kind
        elif r.parent_code in db.orgs and _visible(db.orgs[r.parent_code], paths):
            parent_kind = db.orgs[r.parent_code].kind
        else:
            where = "不存在或不在您的管理范围内" if paths is not None else "不存在（表中和系统中都没有）"
            r.row.fail("上级组织编码", f"上级组织编码“{r.parent_code}”{where}")
            return
    elif r.existing is None and paths is not None:
        r.row.fail("上级组织编码", "上级组织编码不能为空：新建工委（根组织）须由系统管理员用命令导入")
        return
    if r.existing is not None:
        current = db.parent_code(r.existing)
        if current != r.parent_code:
            shown = f"“{current}”" if current else "空（根组织）"
            r.row.fail(
                "上级组织编码",
                f"与系统中的上级组织{shown}不一致；调整隶属关系须在组织页面办理（需填写调整日期、原因和文号）",
            )
            return
    try:
        check_parent(kind=kind, parent=Organization(kind=parent_kind) if parent_kind else None)
    except ValidationError as e:
        r.row.fail("组织类别", "；".join(e.messages))


def _check_cycles(rows: list[OrgRow], by_code: dict[str, OrgRow]) -> None:
    """Parents named within the sheet must not loop; also gives each row its depth in the sheet."""
    state: dict[str, int] = {}  # 1: being visited, 2: done
    for start in rows:
        if start.row.bad or start.code in state:
            continue
        chain: list[OrgRow] = []
        r: OrgRow | None = start
        while r is not None and r.code not in state:
            state[r.code] = 1
            chain.append(r)
            r = by_code.get(r.parent_code)
        loop = chain[chain.index(r) :] if r is not None and state.get(r.code) == 1 else []
        if len(loop) > 1:  # came back to a row of this chain (naming itself is reported when parsing)
            text = " → ".join([x.code for x in loop] + [loop[0].code])
            for x in loop:
                x.row.fail("上级组织编码", f"上级组织编码形成循环（{text}）")
        base = r.depth + 1 if r is not None and state.get(r.code) == 2 else 0
        for depth, x in enumerate(reversed(chain)):
            x.depth = base + depth
            state[x.code] = 2


def _check_changes(r: OrgRow, db: _Database, by_code: dict[str, OrgRow]) -> None:
    """What the row changes in an existing organization, and whether its election fits."""
    org, values = r.existing, r.values
    kind = values["kind"]
    if org is not None:
        r.changed = [f for f in FIELD_HEADERS if f in values and (getattr(org, f) or None) != (values[f] or None)]
        if r.units is not None:
            r.units_changed = set(r.units) != db.units.get(org.pk, set())
        if "kind" in r.changed:
            for child in db.children(org):
                if child.code in by_code:
                    continue  # its own row is checked against the new kind
                try:
                    check_parent(kind=child.kind, parent=Organization(kind=kind))
                except ValidationError:
                    r.row.fail(
                        "组织类别",
                        f"改为{OrgKind(kind).label}后，下级组织“{child.name}”（{child.get_kind_display()}）不能设在其下",
                    )
    if r.elected_on is None:
        return
    if not Organization(kind=kind, term_years=values.get("term_years")).has_terms:
        r.row.fail("本届选举日期", f"{OrgKind(kind).label}不实行任期制，不填写本届选举日期")
        return
    elections = db.elections.get(org.pk, []) if org is not None else []
    same_day = next((e for e in elections if e.held_on == r.elected_on), None)
    term_years = values.get("term_years")
    if same_day is not None:
        r.election = same_day
        if "term_years" in values and (same_day.term_years or None) != term_years:
            r.election_action = "update"
    elif elections and elections[0].held_on > r.elected_on:
        r.row.fail("本届选举日期", f"早于系统中已记录的最近一次选举（{elections[0].held_on:%Y-%m-%d}），请核对")
    else:
        r.election_action = "create"


def _count(rows: list[OrgRow], db: _Database, result: ImportResult) -> None:
    new_units: set[str] = set()
    elections = {"create": 0, "update": 0, "": 0}
    for r in rows:
        new_units.update(n for n in (r.units or []) if n not in db.unit_names)
        elections[r.election_action] += 1
        label = r.values["name"]
        if r.existing is None:
            result.created += 1
            result.changes.append(Change(r.number, "create", r.code, label))
        elif r.changed or r.units_changed or r.election_action:
            result.updated += 1
            fields = [FIELD_HEADERS[f] for f in r.changed]
            fields += ["所在单位"] if r.units_changed else []
            fields += ["本届选举日期"] if r.election_action else []
            result.changes.append(Change(r.number, "update", r.code, label, fields))
        else:
            result.unchanged += 1
    result.extra = {
        "新增换届记录": elections["create"],
        "更新换届记录": elections["update"],
        "新增机关单位": len(new_units),
    }
