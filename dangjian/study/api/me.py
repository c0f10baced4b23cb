"""/api/v1/study: a person's own study record."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Schema

from ..models import (
    ATTENDED,
    Enrolment,
    MeetingAttendance,
    SessionAttendance,
    SessionStatus,
)
from .common import _person, router


class YearOut(Schema):
    year: int
    sessions: int
    classes: int
    meetings: int
    hours: Decimal = Field(description="中心组学习学时 + 培训获得学时")


class MyRecordOut(Schema):
    name: str
    years: list[YearOut]


@router.get("/me", response=MyRecordOut, url_name="study_me", summary="我的学习档案：每年参学次数与学时")
def my_record(request: HttpRequest):
    person = _person(request, "study/me")
    years: dict[int, dict] = {}

    def year(y: int) -> dict:
        return years.setdefault(y, {"year": y, "sessions": 0, "classes": 0, "meetings": 0, "hours": Decimal("0")})

    for held_on, hours in SessionAttendance.objects.filter(
        person=person, status__in=ATTENDED, session__status=SessionStatus.HELD
    ).values_list("session__held_on", "session__hours"):
        year(held_on.year)["sessions"] += 1
        year(held_on.year)["hours"] += hours
    for starts_on, hours in Enrolment.objects.filter(person=person, days_attended__gt=0).values_list(
        "klass__starts_on", "hours_attended"
    ):
        year(starts_on.year)["classes"] += 1
        year(starts_on.year)["hours"] += hours
    for held_on in MeetingAttendance.objects.filter(person=person, status__in=ATTENDED).values_list(
        "meeting__held_on", flat=True
    ):
        year(held_on.year)["meetings"] += 1
    return MyRecordOut(name=person.name, years=[YearOut(**v) for _, v in sorted(years.items(), reverse=True)])
