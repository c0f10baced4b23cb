"""The records behind each admission figure: the people who reached a stage in the year."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from dangjian.accounts.http import AuthedRequest
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import export_query, page_query, paginate, wants_xlsx, xlsx_download

from .. import selectors
from ..models import Case
from .common import NAV, require_overseer


@login_required
def records(request: AuthedRequest, key: str) -> HttpResponse:
    require_overseer(request, Case, f"admission:{key}")
    org, year = org_and_year_from(request, request.GET)
    date_field, title, step_label = selectors.STAGE_DATES[key]
    items = (
        selectors.reached_in(org, year, key).select_related("org").order_by(date_field, "id")
        if org
        else Case.objects.none()
    )
    if wants_xlsx(request):
        rows = [(c.org.name, c.name, getattr(c, date_field), c.get_stage_display()) for c in items]
        return xlsx_download(
            request, title=f"{title}_{year}", target=Case, org=org, rows=rows,
            headers=["党支部", "姓名", f"{step_label}日期", "目前阶段"],
        )  # fmt: skip
    return render(
        request,
        "admission/records.html",
        {
            "nav": NAV, "org": org, "year": year, "title": f"{year}年{title}", "step_label": step_label,
            "date_field": date_field, "page": paginate(request, items), "query": page_query(request),
            "export": export_query(request),
        },
    )  # fmt: skip
