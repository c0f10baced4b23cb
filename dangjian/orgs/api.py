"""/api/v1/orgs: the organization tree, counts, terms and setup findings.

Scoped like the pages: a list holds only what the caller may see, and a
single organization out of reach answers a recorded 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import WithJsonSchema

from dangjian.core import scoping, tree
from dangjian.core.api import ApiPathText, ApiText, answers, choice_schema
from dangjian.core.web import ApiOffset

from . import compliance, selectors
from .models import Organization, OrgKind

router = Router(tags=["党组织"])

MAX_LIMIT = 1000


class OrgsCountsOut(Schema):
    party: int = Field(description="党员（正式+预备）")
    full: int = Field(description="正式党员")
    people: int = Field(description="名册全部人员（含入党积极分子、非党干部）")


class OrgsTermOut(Schema):
    status: str = Field(description="ok | due_soon | overdue | extended | no_record | not_applicable")
    status_label: str = Field(description="正常 / 即将到期 / 已超期 / 已批准延期 / 无换届记录 / 不实行任期制")
    elected_on: dt.date | None = None
    years: int | None = None
    due_on: dt.date | None = Field(None, description="按任期计算的届满日")
    extended_to: dt.date | None = Field(None, description="批准延期至（如有）")
    ends_on: dt.date | None = Field(None, description="实际适用的届满日")


class OrgsOrgOut(Schema):
    code: str
    name: str
    kind: str = Field(description="committee | party_committee | general_branch | branch | group")
    kind_label: str
    parent_code: str | None
    depth: int
    founded_on: dt.date | None
    units: list[str]
    members: OrgsCountsOut = Field(description="本组织及下级合计")
    direct_members: OrgsCountsOut = Field(description="本组织直属")
    secretary: str | None = Field(description="现任书记（党小组为组长）")
    term: OrgsTermOut
    findings: int = Field(description="本组织的设置问题数")


class OrgsOrgDetailOut(OrgsOrgOut):
    has_branch_committee: bool
    approval_doc: str
    children: list[str] = Field(description="直接下级组织编码")


class OrgsOrgPage(Schema):
    count: int
    items: list[OrgsOrgOut]


class OrgsFindingOut(Schema):
    code: str
    org_code: str
    org_name: str
    message: str
    rule: str


class OrgsListQuery(Schema):
    parent: ApiText | None = Field(None, description="只列该组织编码的直接下级")
    kind: Annotated[OrgKind | None, WithJsonSchema(choice_schema(OrgKind, "组织类别"))] = None
    limit: int = Field(200, ge=1, le=MAX_LIMIT)
    offset: ApiOffset = 0


class OrgsComplianceQuery(Schema):
    org: ApiText | None = Field(None, description="只检查该组织编码及其下级")
    code: ApiText | None = Field(None, description="只列该规则代码")


def _counts(c: selectors.Counts) -> OrgsCountsOut:
    return OrgsCountsOut(party=c.party, full=c.full, people=c.people)


def _term(t: selectors.Term) -> OrgsTermOut:
    return OrgsTermOut(
        status=t.status,
        status_label=t.status_label,
        elected_on=t.election.held_on if t.election else None,
        years=t.years,
        due_on=t.due_on,
        extended_to=t.extension.extended_to if t.extension else None,
        ends_on=t.ends_on,
    )


def _org_out(row: selectors.OrgRow, cls: type[OrgsOrgOut] = OrgsOrgOut, **extra) -> OrgsOrgOut:
    org = row.org
    holder = row.secretary or row.group_leader
    return cls(
        code=org.code,
        name=org.name,
        kind=org.kind,
        kind_label=org.get_kind_display(),
        parent_code=_parent_code(row),
        depth=org.depth,
        founded_on=org.founded_on,
        units=row.units,
        members=_counts(row.total),
        direct_members=_counts(row.direct),
        secretary=holder.name if holder else None,
        term=_term(row.term),
        findings=len(row.findings),
        **extra,
    )


def _parent_code(row: selectors.OrgRow) -> str | None:
    if row.parent is not None:
        return row.parent.org.code
    parent_path = tree.parent_path(row.org.path)
    return Organization.objects.filter(path=parent_path).values_list("code", flat=True).first() if parent_path else None


def _visible_or_404(request: HttpRequest, code: str) -> Organization:
    return scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code)


@router.get("", response=answers(OrgsOrgPage, 404, 422), summary="可见的党组织列表（含人数、书记、任期）")
def list_orgs(request: HttpRequest, query: Query[OrgsListQuery]):
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Organization, {"api": "orgs"}, exists=True)
    orgs = scoping.visible_orgs(request.user)
    if query.parent:
        parent = _visible_or_404(request, query.parent)
        orgs = orgs.filter(tree.child_q(parent.path))
    if query.kind:
        orgs = orgs.filter(kind=query.kind)
    orgs = orgs.order_by("path")
    page = list(orgs.values_list("path", flat=True)[query.offset : query.offset + query.limit])
    if not page:
        return OrgsOrgPage(count=orgs.count(), items=[])
    # The checks need each organization's children, parent_code its parent:
    # load the page's subtrees and parents, answer for the page only.
    parents = {tree.parent_path(p) for p in page if tree.depth_of(p) > 1}
    snapshot = selectors.load_snapshot(Organization.objects.filter(tree.covering_q(page) | Q(path__in=parents)))
    rows = [snapshot.by_path[p] for p in page]
    compliance.evaluate(snapshot, rows)
    return OrgsOrgPage(count=orgs.count(), items=[_org_out(r) for r in rows])


@router.get(
    "/compliance", response=answers(list[OrgsFindingOut], 404, 422), summary="设置合规检查：可见范围内的全部问题"
)
def compliance_list(request: HttpRequest, query: Query[OrgsComplianceQuery]):
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Organization, {"api": "orgs/compliance"}, exists=True)
    orgs = scoping.visible_orgs(request.user)
    if query.org:
        orgs = orgs.filter(tree.subtree_q([_visible_or_404(request, query.org).path]))
    found = compliance.findings_for(orgs)
    return [f.as_dict() for f in compliance.filter_findings(found, code=query.code or "")]


@router.get("/{code}", response=answers(OrgsOrgDetailOut, 404, 422), summary="一个党组织（含人数、书记、任期、下级）")
def get_org(request: HttpRequest, code: ApiPathText):
    org = _visible_or_404(request, code)
    row = selectors.org_row(org)
    row.findings = compliance.check_row(row)
    return _org_out(
        row,
        OrgsOrgDetailOut,
        has_branch_committee=org.has_branch_committee,
        approval_doc=org.approval_doc,
        children=[c.org.code for c in row.children],
    )


@router.get(
    "/{code}/findings",
    response=answers(list[OrgsFindingOut], 404, 422),
    summary="一个党组织的设置问题（subtree=true 含下级）",
)
def org_findings(request: HttpRequest, code: ApiPathText, subtree: bool = False):
    org = _visible_or_404(request, code)
    found = compliance.findings_for_subtree(org) if subtree else compliance.findings_for_org(org)
    return [f.as_dict() for f in found]
