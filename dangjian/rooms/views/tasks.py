"""The rectification tasks: which rooms are overdue, committee-wide or in one's subtree."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core.web import export_query, page_query, paginate, wants_xlsx, xlsx_download

from .. import selectors
from ..conf import RoomsSettings
from ..models import Rectification
from ..selectors.lists import TASK_STATES
from .common import filter_orgs, org_filter, require_overseer

TASK_HEADERS = ["党组织", "检查项", "整改要求", "提出日期", "整改期限", "状态", "逾期天数", "复查日期"]


def task_state(task: Rectification, today) -> str:  # type: ignore[no-untyped-def]
    if task.is_overdue(today):
        return "已逾期"
    return task.get_status_display()


@login_required
@require_GET
def rectification_list(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "rectifications")
    today = timezone.localdate()
    state = request.GET.get("state", "open")
    filters = selectors.TaskFilters(
        org=org_filter(request),
        state=state if state in TASK_STATES else "",
        q=(request.GET.get("q") or "").strip()[:50],
    )
    rows = selectors.rectification_rows(request.user, filters, today)
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title="活动室整改任务",
            headers=TASK_HEADERS,
            rows=[
                (
                    t.room.org.name,
                    t.item_title,
                    t.requirement,
                    t.raised_by.held_on,
                    t.deadline,
                    task_state(t, today),
                    (today - t.deadline).days if t.is_overdue(today) else "",
                    t.closed_by.held_on if t.closed_by else "",
                )
                for t in rows
            ],  # fmt: skip
            target=Rectification,
            org=filters.org,
            personal=False,
        )
    return render(
        request,
        "rooms/rectification_list.html",
        {
            "nav": "rooms_tasks",
            "page": paginate(request, rows, RoomsSettings.current().list_page_size),
            "filters": filters,
            "states": TASK_STATES,
            "orgs": filter_orgs(request),
            "query": page_query(request),
            "export_query": export_query(request),
            "today": today,
        },
    )
