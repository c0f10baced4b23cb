"""The module's landing page, a person's own study record (我的学习档案), and the reminders."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.selectors import default_org_for
from dangjian.people.models import Member

from .. import stats
from ..models import Enrolment, SessionStatus
from ..selectors import central_group as cg
from ..selectors import my_record as my
from ..selectors.reminders import reminders_visible_to
from ..selectors.training import open_classes
from .common import NAV, wants_xlsx, xlsx_download, year_param


@login_required
def home(request: AuthedRequest) -> HttpResponse:
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
def my_record(request: AuthedRequest) -> HttpResponse:
    """我的学习档案: the person's own sessions, classes and meetings, and their hours year by year."""
    person = request.user.person if request.user.person_id else None
    if person is None:
        raise scoping.deny(request, Member, {"page": "study:my_record"}, exists=True)
    year = year_param(request.GET)
    record = my.year_record(person, year)
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"我的学习档案_{year}",
            headers=my.RECORD_HEADERS,
            rows=my.record_rows(record),
            target=Member,
            org=person.org_id,
        )
    return render(
        request,
        "study/my_record.html",
        {
            "nav": NAV,
            "person": person,
            "year": year,
            "years": my.yearly_totals(person),
            "sessions": record.sessions,
            "classes": record.classes,
            "meetings": record.meetings[:200],
            "meeting_count": record.meetings.count(),
            "today": timezone.localdate(),
        },
    )


@login_required
def reminders(request: AuthedRequest) -> HttpResponse:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Member, {"page": "study:reminders"}, exists=True)
    r = reminders_visible_to(request.user, timezone.localdate())
    return render(request, "study/reminders.html", {"nav": NAV, "r": r})
