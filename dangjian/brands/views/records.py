"""The records behind the figures (?org=CODE&year=YYYY): exactly the rows each figure counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import export_query, page_query, paginate, wants_xlsx, xlsx_download

from .. import selectors
from ..models import Brand, ExchangeEvent, Reevaluation
from .common import NAV, require_overseer

BRAND_RECORDS = {
    "submitted": ("党建品牌申报", "首次申报日期", "first_submitted_at", selectors.submitted_in),
    "recognized": ("党建品牌认定", "认定日期", "recognized_at", selectors.recognized_in),
}
CHANGE_RECORDS = {
    "downgraded": ("党建品牌降级", selectors.downgraded_in),
    "revoked": ("党建品牌撤销认定", selectors.revoked_in),
}


def _brands(request: AuthedRequest, key: str) -> HttpResponse:
    require_overseer(request, f"records_{key}")
    title, date_label, field, func = BRAND_RECORDS[key]
    org, year = org_and_year_from(request, request.GET)
    rows: QuerySet[Brand] = Brand.objects.none()
    if org is not None:
        rows = func(org, year).select_related("org", "batch").order_by(field, "org__path")
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"{title}_{year}",
            headers=["党组织", "品牌名称", "批次", date_label, "当前状态"],
            rows=[(b.org.name, b.name, str(b.batch), getattr(b, field).date(), b.get_status_display()) for b in rows],
            target=Brand,
            org=org,
            personal=False,
        )
    return render(
        request,
        "brands/records_brands.html",
        {
            "nav": NAV,
            "org": org,
            "year": year,
            "title": title,
            "date_label": date_label,
            "field": field,
            "page": paginate(request, rows),
            "total": rows.count(),
            "query": page_query(request),
            "export_query": export_query(request),
        },
    )


def _changes(request: AuthedRequest, key: str) -> HttpResponse:
    require_overseer(request, f"records_{key}")
    title, func = CHANGE_RECORDS[key]
    org, year = org_and_year_from(request, request.GET)
    rows: QuerySet[Reevaluation] = Reevaluation.objects.none()
    if org is not None:
        rows = func(org, year).select_related("brand__org").order_by("effective_at")
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"{title}_{year}",
            headers=["党组织", "品牌名称", "复评年度", "理由", "生效日期"],
            rows=[
                (r.brand.org.name, r.brand.name, r.year, r.reasons, r.effective_at.date() if r.effective_at else "")
                for r in rows
            ],
            target=Reevaluation,
            org=org,
            personal=False,
        )
    return render(
        request,
        "brands/records_changes.html",
        {
            "nav": NAV,
            "org": org,
            "year": year,
            "title": title,
            "page": paginate(request, rows),
            "total": rows.count(),
            "query": page_query(request),
            "export_query": export_query(request),
        },
    )


@login_required
@require_GET
def records_training(request: AuthedRequest) -> HttpResponse:
    """The brand training and exchange events counted in the training figures, and their person-times."""
    require_overseer(request, "records_training")
    title = "品牌培训交流（计入培训统计）"
    org, year = org_and_year_from(request, request.GET)
    rows: QuerySet[ExchangeEvent] = ExchangeEvent.objects.none()
    if org is not None:
        rows = selectors.counted_exchanges(org, year).select_related("committee").order_by("held_on", "id")
    attendances = selectors.counted_attendances(org, year) if org is not None else 0
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"{title}_{year}",
            headers=["举办日期", "活动名称", "类别", "地点", "举办单位", "参加人次"],
            rows=[(e.held_on, e.title, e.get_kind_display(), e.place, e.committee.name, e.attendees) for e in rows],
            target=ExchangeEvent,
            org=org,
            personal=False,
        )
    return render(
        request,
        "brands/records_training.html",
        {
            "nav": NAV,
            "org": org,
            "year": year,
            "title": title,
            "page": paginate(request, rows),
            "total": rows.count(),
            "attendances": attendances,
            "query": page_query(request),
            "export_query": export_query(request),
        },
    )


@login_required
@require_GET
def records_submitted(request: AuthedRequest) -> HttpResponse:
    return _brands(request, "submitted")


@login_required
@require_GET
def records_recognized(request: AuthedRequest) -> HttpResponse:
    return _brands(request, "recognized")


@login_required
@require_GET
def records_downgraded(request: AuthedRequest) -> HttpResponse:
    return _changes(request, "downgraded")


@login_required
@require_GET
def records_revoked(request: AuthedRequest) -> HttpResponse:
    return _changes(request, "revoked")
