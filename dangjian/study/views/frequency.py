"""The frequency check of central-group study: collective sessions per quarter against the minimum."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest

from ..conf import StudySettings
from ..models import StudyGroup
from ..selectors import central_group as cg
from .common import NAV, export_query, page_query, paginate, require_manager, wants_xlsx, xlsx_download, year_param


@login_required
def frequency(request: AuthedRequest) -> HttpResponse:
    """Frequency check: each leadership group's collective sessions per quarter against the minimum."""
    require_manager(request, StudyGroup, "study:frequency")
    year = year_param(request.GET)
    rows = cg.frequency(cg.groups_for(request.user), year, timezone.localdate())
    only = request.GET.get("only") == "behind"
    shown = [r for r in rows if r.behind] if only else rows
    if wants_xlsx(request):
        data = [
            (r.group.name, r.group.org.name, *[c.count for c in r.cells], *[c.state_label for c in r.cells])
            for r in shown
        ]
        headers = [
            "中心组",
            "所属组织",
            "一季度次数",
            "二季度次数",
            "三季度次数",
            "四季度次数",
            "一季度",
            "二季度",
            "三季度",
            "四季度",
        ]
        return xlsx_download(request, title=f"中心组学习频次_{year}", headers=headers, rows=data, target=StudyGroup)
    return render(
        request,
        "study/frequency.html",
        {
            "nav": NAV,
            "year": year,
            "page": paginate(request, shown),
            "only": only,
            "behind_count": sum(1 for r in rows if r.behind),
            "total": len(rows),
            "minimum": StudySettings.current().central_group_min_per_quarter,
            "query": page_query(request),
            "export": export_query(request),
        },
    )
