"""The records behind each figure (?org=CODE&year=YYYY): the same querysets stats.py counts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest
from dangjian.core.selectors import org_and_year_from

from ..models import DayAttendance, Enrolment, Meeting, Session, SessionAttendance, TrainingClass
from ..selectors import calendar as cal
from ..selectors import central_group as cg
from ..selectors import figures
from ..selectors import org_life as ol
from .calendar import summary_page_context
from .common import export_query, page_query, paginate, require_manager, wants_xlsx, xlsx_download


def _scope(request: AuthedRequest, model: type[Model], page: str) -> tuple[Any, int]:
    require_manager(request, model, page)
    return org_and_year_from(request, request.GET)


def _page(request: AuthedRequest, template: str, items: Any, org: Any, year: int, **extra: Any) -> HttpResponse:
    """The records page TEMPLATE with ITEMS paged (ITEMS may already be a Page)."""
    return render(
        request,
        template,
        {
            "nav": "dashboard",
            "org": org,
            "year": year,
            "page": items if isinstance(items, Page) else paginate(request, items),
            "query": page_query(request),
            "export": export_query(request),
            **extra,
        },
    )


@login_required
def sessions(request: AuthedRequest) -> HttpResponse:
    org, year = _scope(request, Session, "study:records_sessions")
    items = cg.with_counts(
        (figures.held_sessions(org, year) if org else Session.objects.none()).select_related("group", "org")
    ).order_by("held_on", "id")
    if wants_xlsx(request):
        rows = [(s.held_on, s.group.name, s.topic, s.invited, s.attended) for s in items]
        return xlsx_download(
            request,
            title=f"中心组集体学习_{year}",
            headers=["日期", "中心组", "学习主题", "应参学", "参学人次"],
            rows=rows,
            target=Session,
            org=org,
        )
    return _page(
        request, "study/records_sessions.html", items, org, year, total_attended=sum(s.attended for s in items)
    )


@login_required
def session_attendances(request: AuthedRequest) -> HttpResponse:
    org, year = _scope(request, SessionAttendance, "study:records_session_attendances")
    items = (
        figures.session_attendances(org, year)
        .select_related("person__org", "session__group")
        .order_by("session__held_on", "session_id", "id")
        if org
        else SessionAttendance.objects.none()
    )
    if wants_xlsx(request):
        rows = [
            (
                a.session.held_on,
                a.session.group.name,
                a.session.topic,
                a.person.name,
                a.person.org.name,
                a.get_status_display(),
            )
            for a in items
        ]
        return xlsx_download(
            request,
            title=f"中心组参学人次_{year}",
            headers=["日期", "中心组", "主题", "姓名", "所在组织", "出勤"],
            rows=rows,
            target=SessionAttendance,
            org=org,
        )
    return _page(request, "study/records_session_attendances.html", items, org, year)


@login_required
def classes(request: AuthedRequest) -> HttpResponse:
    org, year = _scope(request, TrainingClass, "study:records_classes")
    items = (
        figures.held_classes(org, year, timezone.localdate()).select_related("org").order_by("starts_on", "id")
        if org
        else TrainingClass.objects.none()
    )
    if wants_xlsx(request):
        rows = [
            (
                k.title,
                k.org.name,
                k.get_audience_display(),
                k.get_venue_kind_display(),
                k.starts_on,
                k.ends_on,
                k.hours,
                k.enrolled,
            )
            for k in items
        ]
        return xlsx_download(
            request,
            title=f"培训班_{year}",
            headers=["培训班", "主办组织", "培训对象", "场所", "开班", "结业", "学时", "报名人数"],
            rows=rows,
            target=TrainingClass,
            org=org,
        )
    return _page(request, "study/records_classes.html", items, org, year)


@login_required
def training_attendances(request: AuthedRequest) -> HttpResponse:
    org, year = _scope(request, Enrolment, "study:records_training_attendances")
    today = timezone.localdate()
    per_day = figures.per_day()
    if per_day:
        items: Any = (
            figures.training_day_marks(org, year, today)
            .select_related("day__klass", "enrolment__person__org")
            .order_by("day__day", "id")
            if org
            else DayAttendance.objects.none()
        )
    else:
        items = (
            figures.training_enrolments(org, year, today)
            .select_related("klass", "person__org")
            .order_by("klass__starts_on", "klass_id", "id")
            if org
            else Enrolment.objects.none()
        )
    if wants_xlsx(request):
        rows: list[tuple[Any, ...]]
        if per_day:
            rows = [
                (
                    a.day.day,
                    a.day.klass.title,
                    a.enrolment.person.name,
                    a.enrolment.person.org.name,
                    a.get_status_display(),
                )
                for a in items
            ]
            headers = ["日期", "培训班", "姓名", "所在组织", "出勤"]
        else:
            rows = [
                (e.klass.title, e.klass.starts_on, e.person.name, e.person.org.name, e.days_attended, e.hours_attended)
                for e in items
            ]
            headers = ["培训班", "开班日期", "姓名", "所在组织", "出勤天数", "获得学时"]
        return xlsx_download(request, title=f"参训人次_{year}", headers=headers, rows=rows, target=Enrolment, org=org)
    return _page(request, "study/records_training_attendances.html", items, org, year, per_day=per_day)


@login_required
def meetings(request: AuthedRequest) -> HttpResponse:
    org, year = _scope(request, Meeting, "study:records_meetings")
    items = (
        figures.counted_meetings(org, year).select_related("org", "chair").order_by("held_on", "id")
        if org
        else Meeting.objects.none()
    )
    if wants_xlsx(request):
        rows = [
            (m.held_on, m.org.name, m.get_kind_display(), m.topic, m.marked, m.attended) for m in ol.with_counts(items)
        ]
        return xlsx_download(
            request,
            title=f"三会一课_{year}",
            headers=["日期", "组织", "类型", "主题", "应到", "实到"],
            rows=rows,
            target=Meeting,
            org=org,
        )
    page = paginate(request, items.values_list("pk", flat=True))
    return _page(request, "study/records_meetings.html", page, org, year, rows=ol.counted(list(page)))


@login_required
def compliance(request: AuthedRequest) -> HttpResponse:
    org, year = _scope(request, Meeting, "study:records_compliance")
    if org is None:
        return _page(request, "study/records_compliance.html", [], org, year, rate=0.0, rows=[])
    summary = cal.subtree_summary(request.user, org, year, timezone.localdate())
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"组织生活按期开展率_{year}",
            headers=cal.SUMMARY_HEADERS,
            rows=cal.summary_rows(summary.rows),
            target=Meeting,
            org=org,
        )
    return render(
        request,
        "study/records_compliance.html",
        {
            "nav": "dashboard",
            "org": org,
            "year": year,
            **summary_page_context(request, summary),
            "query": page_query(request),
            "export": export_query(request),
        },
    )
