"""The compliance calendar of organization life: one organization's year, the subtree's summary,
and the committee-wide view of who is behind this month."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.selectors import default_org_for
from dangjian.orgs.models import Organization

from ..models import Meeting
from ..selectors import calendar as cal
from .common import NAV, export_query, page_query, paginate, require_manager, wants_xlsx, xlsx_download, year_param


def _org(request: AuthedRequest) -> Organization | None:
    code = (request.GET.get("org") or "").strip()
    if code:
        return scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code)
    return default_org_for(request.user)


def summary_page_context(request: AuthedRequest, summary: cal.Summary) -> dict[str, Any]:
    """The summary's page context (?only=behind shows the organizations behind)."""
    only = request.GET.get("only") == "behind"
    return {
        "rows": summary.rows,
        "page": paginate(request, summary.shown(only_behind=only)),
        "rate": summary.rate,
        "only": only,
        "behind_count": summary.behind_count,
        "as_of": summary.as_of,
    }


@login_required
def org_calendar(request: AuthedRequest) -> HttpResponse:
    """An organization's own calendar when it holds meetings itself, else its subtree's summary."""
    require_manager(request, Meeting, "study:calendar")
    org, year = _org(request), year_param(request.GET)
    if org is None:
        return render(request, "study/calendar_summary.html", {"nav": NAV, "org": None, "year": year})
    if org.kind in cal.bound_org_kinds():
        return _org_calendar(request, org, year)
    return _subtree_calendar(request, org, year)


def _org_calendar(request: AuthedRequest, org: Organization, year: int) -> HttpResponse:
    today = timezone.localdate()
    standing = cal.org_year(org, year, today)
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"组织生活日历_{org.code}_{year}",
            headers=["会议", "频次", "期间", "情况", "次数"],
            rows=cal.org_year_rows(standing),
            target=Meeting,
            org=org,
        )
    return render(
        request,
        "study/calendar_org.html",
        {
            "nav": NAV,
            "org": org,
            "year": year,
            "standing": standing,
            "as_of": cal.as_of_for(year, today),
            "years": range(today.year, today.year - 6, -1),
            "export": export_query(request),
        },
    )


def _subtree_calendar(request: AuthedRequest, org: Organization, year: int) -> HttpResponse:
    today = timezone.localdate()
    summary = cal.subtree_summary(request.user, org, year, today)
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"组织生活开展情况_{org.code}_{year}",
            headers=cal.SUMMARY_HEADERS,
            rows=cal.summary_rows(summary.rows),
            target=Meeting,
            org=org,
        )
    return render(
        request,
        "study/calendar_summary.html",
        {
            "nav": NAV,
            "org": org,
            "year": year,
            **summary_page_context(request, summary),
            "years": range(today.year, today.year - 6, -1),
            "query": page_query(request),
            "export": export_query(request),
        },
    )


SHOW = {"behind": "有逾期缺项", "due": "本期尚未召开", "all": "全部"}


@login_required
def behind(request: AuthedRequest) -> HttpResponse:
    """Which organizations are behind this month: periods ended without the meeting, and what is due now."""
    require_manager(request, Meeting, "study:behind")
    org = _org(request)
    today = timezone.localdate()
    show = request.GET.get("show") or "behind"
    show = show if show in SHOW else "behind"
    rows = (
        cal.standings(scoping.in_subtree(scoping.visible_orgs(request.user), org, ""), today.year, today) if org else []
    )
    if show == "behind":
        shown = sorted((r for r in rows if r.missing), key=lambda r: (-len(r.missing), r.path))
    elif show == "due":
        shown = [r for r in rows if r.due]
    else:
        shown = rows
    if wants_xlsx(request):
        data = [
            (r.code, r.name, len(r.missing), "、".join(r.missing_labels), "、".join(r.due_labels), r.rate)
            for r in shown
        ]
        headers = ["组织编码", "组织", "逾期缺项数", "逾期缺项", "本期待开", "按期开展率%"]
        return xlsx_download(
            request, title=f"组织生活进度_{today:%Y%m}", headers=headers, rows=data, target=Meeting, org=org
        )
    return render(
        request,
        "study/behind.html",
        {
            "nav": NAV,
            "org": org,
            "today": today,
            "show": show,
            "choices": SHOW,
            "page": paginate(request, shown),
            "total": len(rows),
            "behind_count": sum(1 for r in rows if r.missing),
            "due_count": sum(1 for r in rows if r.due),
            "rate": cal.rate_of(rows),
            "query": page_query(request),
            "export": export_query(request),
        },
    )
