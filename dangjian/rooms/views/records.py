"""The records behind the figures (?org=CODE&year=YYYY): exactly the rows the figure counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import export_query, page_query, paginate, wants_xlsx, xlsx_download

from .. import selectors
from ..models import Rectification, Room
from .common import NAV, require_overseer
from .tasks import task_state


@login_required
@require_GET
def records_standardized(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "records_standardized")
    org, year = org_and_year_from(request, request.GET)
    rooms = Room.objects.none()
    if org is not None:
        rooms = selectors.standardized_in(org, year).select_related("org").order_by("org__path")
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"标准化党员活动室_{year}",
            headers=["党组织", "活动室", "位置", "使用面积（平方米）", "达标检查日期"],
            rows=[(r.org.name, r.name, r.location, r.area_m2, getattr(r, "standing_on", "")) for r in rooms],
            target=Room,
            org=org,
            personal=False,
        )
    return render(
        request,
        "rooms/records_standardized.html",
        {"nav": NAV, "org": org, "year": year, "page": paginate(request, rooms), "total": rooms.count(),
         "query": page_query(request), "export_query": export_query(request)},
    )  # fmt: skip


@login_required
@require_GET
def records_overdue(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "records_overdue")
    org, year = org_and_year_from(request, request.GET)
    today = timezone.localdate()
    tasks = Rectification.objects.none()
    if org is not None:
        tasks = selectors.overdue_in(org, year, today).select_related("room__org", "raised_by", "closed_by")
        tasks = tasks.order_by("deadline", "id")
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"活动室逾期整改_{year}",
            headers=["党组织", "检查项", "整改要求", "整改期限", "状态", "复查日期"],
            rows=[
                (
                    t.room.org.name,
                    t.item_title,
                    t.requirement,
                    t.deadline,
                    task_state(t, today),
                    t.closed_by.held_on if t.closed_by else "",
                )
                for t in tasks
            ],  # fmt: skip
            target=Rectification,
            org=org,
            personal=False,
        )
    return render(
        request,
        "rooms/records_overdue.html",
        {"nav": NAV, "org": org, "year": year, "page": paginate(request, tasks), "total": tasks.count(),
         "query": page_query(request), "export_query": export_query(request), "today": today},
    )  # fmt: skip
