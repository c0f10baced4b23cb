"""The module's landing page, a person's own study record (我的学习档案), and the reminders."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangjian.core import scoping
from dangjian.core.selectors import default_org_for
from dangjian.people.models import Member

from .. import stats
from ..models import ATTENDED, Enrolment, MeetingAttendance, SessionAttendance, SessionStatus
from ..selectors import central_group as cg
from ..selectors.reminders import reminders_visible_to
from ..selectors.training import open_classes
from .common import NAV, wants_xlsx, xlsx, year_from


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    context: dict = {"nav": NAV, "today": today, "manager": scoping.can_see_orgs(user)}
    if context["manager"]:
        org = default_org_for(user)
        context["org"] = org
        if org is not None:
            context["figures"] = [
                ("中心组集体学习", stats.central_group_sessions(org, today.year), "次", "study:records_sessions"),
                (
                    "中心组参学",
                    stats.central_group_attendances(org, today.year),
                    "人次",
                    "study:records_session_attendances",
                ),
                ("举办培训班", stats.training_classes(org, today.year), "期", "study:records_classes"),
                ("参加培训", stats.training_attendances(org, today.year), "人次", "study:records_training_attendances"),
                ("三会一课", stats.org_life_meetings(org, today.year), "次", "study:records_meetings"),
                (
                    "组织生活按期开展率",
                    stats.org_life_compliance_rate(org, today.year),
                    "%",
                    "study:records_compliance",
                ),
            ]
    person = user.person if getattr(user, "person_id", None) else None
    context["person"] = person
    if person is not None:
        context["open_count"] = open_classes(person, today).count()
        context["my_classes"] = (
            Enrolment.objects.filter(person=person, withdrawn_at__isnull=True, klass__ends_on__gte=today)
            .select_related("klass")
            .order_by("klass__starts_on")[:5]
        )
    tasks = cg.observer_tasks_of(user)
    context["task_upcoming"] = tasks.filter(session__status=SessionStatus.PLANNED).count()
    context["task_pending"] = tasks.filter(
        session__status=SessionStatus.HELD, writeup_submitted_at__isnull=True
    ).count()
    return render(request, "study/home.html", context)


@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    """我的学习档案: the person's own sessions, classes and meetings, and their hours year by year."""
    if not getattr(request.user, "person_id", None):
        raise scoping.deny(request, Member, {"page": "study:my_record"}, exists=True)
    person = request.user.person
    year = year_from(request)
    sessions = SessionAttendance.objects.filter(person=person, session__status=SessionStatus.HELD).select_related(
        "session__group"
    )
    enrolments = Enrolment.objects.filter(person=person).select_related("klass__org")
    meetings = MeetingAttendance.objects.filter(person=person).select_related("meeting__org")
    totals: dict[int, dict] = defaultdict(
        lambda: {"sessions": 0, "session_hours": Decimal("0"), "classes": 0, "class_hours": Decimal("0"), "meetings": 0}
    )
    for held_on, status, hours in sessions.values_list("session__held_on", "status", "session__hours"):
        if status in ATTENDED:
            totals[held_on.year]["sessions"] += 1
            totals[held_on.year]["session_hours"] += hours
    for starts_on, days, hours in enrolments.values_list("klass__starts_on", "days_attended", "hours_attended"):
        if days:
            totals[starts_on.year]["classes"] += 1
            totals[starts_on.year]["class_hours"] += hours
    for held_on, status in meetings.values_list("meeting__held_on", "status"):
        if status in ATTENDED:
            totals[held_on.year]["meetings"] += 1
    years = [
        {"year": y, **t, "hours": t["session_hours"] + t["class_hours"]}
        for y, t in sorted(totals.items(), reverse=True)
    ]
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    year_sessions = sessions.filter(session__held_on__range=(start, end)).order_by("-session__held_on")
    year_classes = enrolments.filter(klass__starts_on__range=(start, end)).order_by("-klass__starts_on")
    year_meetings = meetings.filter(meeting__held_on__range=(start, end)).order_by("-meeting__held_on")
    if wants_xlsx(request):
        rows = [
            (
                "中心组学习",
                a.session.held_on,
                a.session.group.name,
                a.session.topic,
                a.get_status_display(),
                a.session.hours if a.attended else 0,
            )
            for a in year_sessions
        ]
        rows += [
            ("培训班", e.klass.starts_on, e.klass.org.name, e.klass.title, f"出勤{e.days_attended}天", e.hours_attended)
            for e in year_classes
        ]
        rows += [
            (
                "组织生活",
                m.meeting.held_on,
                m.meeting.org.name,
                m.meeting.get_kind_display(),
                m.get_status_display(),
                None,
            )
            for m in year_meetings
        ]
        return xlsx(
            request,
            title=f"我的学习档案_{year}",
            headers=["类别", "日期", "组织", "内容", "出勤", "学时"],
            rows=rows,
            model=Member,
            org=person.org_id,
        )
    return render(
        request,
        "study/my_record.html",
        {
            "nav": NAV,
            "person": person,
            "year": year,
            "years": years,
            "sessions": year_sessions,
            "classes": year_classes,
            "meetings": year_meetings[:200],
            "meeting_count": year_meetings.count(),
            "today": timezone.localdate(),
        },
    )


@login_required
def reminders(request: HttpRequest) -> HttpResponse:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Member, {"page": "study:reminders"}, exists=True)
    r = reminders_visible_to(request.user, timezone.localdate())
    return render(request, "study/reminders.html", {"nav": NAV, "r": r})
