"""List pages of the organization side: the checks, the exports, and the
records behind the statistics (?org=CODE&year=YYYY), all scoped to the user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangjian.core import scoping, tree
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import paginate, xlsx_download

from .. import compliance, selectors
from ..models import Organization
from .tree import require_org_viewer, visible_org_or_404

FINDINGS_PAGE_SIZE = 100
RECORDS_PAGE_SIZE = 50


def _scope(request: HttpRequest, code: str) -> tuple[Organization | None, QuerySet[Organization]]:
    """The organization picked by ?org=CODE (a recorded 404 when out of reach) and the visible subtree to read."""
    visible = scoping.visible_orgs(request.user)
    if not code:
        return None, visible
    root = visible_org_or_404(request, code)
    return root, visible.filter(tree.subtree_q([root.path]))


def _findings(request: HttpRequest) -> dict[str, Any]:
    code = (request.GET.get("code") or "").strip()
    if code not in compliance.LABELS:
        code = ""
    root, orgs = _scope(request, (request.GET.get("org") or "").strip())
    found = compliance.findings_for(orgs)
    return {
        "root": root,
        "code": code,
        "all_findings": found,
        "findings": compliance.filter_findings(found, code=code),
        "counts": compliance.counts_by_code(found),
    }


@login_required
def compliance_page(request: HttpRequest) -> HttpResponse:
    require_org_viewer(request, "orgs:compliance")
    ctx = _findings(request)
    page = paginate(request, ctx["findings"], FINDINGS_PAGE_SIZE)
    query = {k: v for k, v in (("org", ctx["root"].code if ctx["root"] else ""), ("code", ctx["code"])) if v}
    return render(
        request,
        "orgs/compliance.html",
        {
            **ctx,
            "nav": "compliance",
            "page": page,
            "query": "&".join(f"{k}={v}" for k, v in query.items()),
            "org_choices": scoping.visible_orgs(request.user).filter(depth__lte=3).order_by("path"),
            "org_count": len({f.org_code for f in ctx["all_findings"]}),
        },
    )


@login_required
def compliance_export(request: HttpRequest) -> HttpResponse:
    require_org_viewer(request, "orgs:compliance_export")
    ctx = _findings(request)
    rows = [(f.code, f.label, f.org_code, f.org_name, f.message, f.rule) for f in ctx["findings"]]
    return xlsx_download(
        request,
        title="党组织设置检查",
        headers=["规则代码", "问题类别", "组织编码", "组织名称", "问题说明", "依据"],
        rows=rows,
        target=Organization,
        org=ctx["root"],
    )


EXPORT_HEADERS = [
    "组织编码", "组织名称", "组织类别", "上级组织编码", "所在单位", "成立日期",
    "党员数（含下级）", "正式党员数（含下级）", "本组织直属党员数", "书记", "本届选举日期", "换届到期日", "任期状态",
]  # fmt: skip


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The visible organization list as .xlsx (it names secretaries: recorded as an export)."""
    require_org_viewer(request, "orgs:export")
    snapshot = selectors.load_snapshot(scoping.visible_orgs(request.user))
    rows = [
        (
            r.org.code,
            r.org.name,
            r.org.get_kind_display(),
            r.parent_code,
            "、".join(r.units),
            r.org.founded_on,
            r.total.party,
            r.total.full,
            r.direct.party,
            r.secretary.name if r.secretary else "",
            r.term.election.held_on if r.term.election else None,
            r.term.ends_on,
            r.term.status_label,
        )
        for r in snapshot.rows
    ]
    return xlsx_download(request, title="党组织列表", headers=EXPORT_HEADERS, rows=rows, target=Organization)


# ---------------------------------------------------------------- records behind the statistics


def _records_scope(request: HttpRequest) -> tuple[Organization | None, int, QuerySet[Organization]]:
    org, year = org_and_year_from(request, request.GET)
    if org is None:
        return None, year, Organization.objects.none()
    return org, year, scoping.visible_orgs(request.user).filter(tree.subtree_q([org.path]))


def _records_page(request: HttpRequest, template: str, items: Any, **extra: Any) -> HttpResponse:
    org, year = extra.pop("org"), extra.pop("year")
    page = paginate(request, items, RECORDS_PAGE_SIZE)
    return render(
        request,
        template,
        {
            "nav": "dashboard",
            "org": org,
            "year": year,
            "page": page,
            "query": f"org={org.code if org else ''}&year={year}",
            **extra,
        },
    )


@login_required
def affiliation_changes(request: HttpRequest) -> HttpResponse:
    require_org_viewer(request, "orgs:affiliation_changes")
    org, year, orgs = _records_scope(request)
    changes = selectors.affiliation_changes_in(orgs, year).prefetch_related("org__units")
    units = {u for c in changes for u in c.org.units.all()}
    return _records_page(request, "orgs/records_affiliation.html", changes, org=org, year=year, unit_count=len(units))


@login_required
def elections(request: HttpRequest) -> HttpResponse:
    require_org_viewer(request, "orgs:elections")
    org, year, orgs = _records_scope(request)
    return _records_page(request, "orgs/records_elections.html", selectors.elections_in(orgs, year), org=org, year=year)


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    require_org_viewer(request, "orgs:overdue")
    org, year, orgs = _records_scope(request)
    as_of = selectors.year_end(year)
    rows = selectors.overdue_rows(orgs, as_of=as_of)
    return _records_page(request, "orgs/records_overdue.html", rows, org=org, year=year, as_of=as_of)
