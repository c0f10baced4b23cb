"""A person's own study record (我的学习档案): totals year by year, and one year's entries.

The page and the API read the same totals from `yearly_totals`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear

from dangjian.people.models import Member

from ..models import ATTENDED, Enrolment, MeetingAttendance, SessionAttendance, SessionStatus

TENTH = Decimal("0.1")


class YearTotals(TypedDict):
    year: int
    sessions: int  # central-group sessions attended (present or late)
    session_hours: Decimal
    classes: int  # training classes with at least one day attended
    class_hours: Decimal
    meetings: int  # organization-life meetings attended
    hours: Decimal  # session hours + class hours


def _zero(year: int) -> YearTotals:
    return YearTotals(
        year=year,
        sessions=0,
        session_hours=Decimal("0"),
        classes=0,
        class_hours=Decimal("0"),
        meetings=0,
        hours=Decimal("0"),
    )


def yearly_totals(person: Member) -> list[YearTotals]:
    """PERSON's totals for every year they studied, newest first (three grouped queries)."""
    totals: dict[int, YearTotals] = {}

    def of(year: int) -> YearTotals:
        return totals.setdefault(year, _zero(year))

    sessions = (
        SessionAttendance.objects.filter(person=person, status__in=ATTENDED, session__status=SessionStatus.HELD)
        .annotate(y=ExtractYear("session__held_on"))
        .values("y")
        .annotate(n=Count("id"), h=Sum("session__hours"))
        .values_list("y", "n", "h")
    )
    for year, n, hours in sessions:
        t = of(year)
        t["sessions"], t["session_hours"] = n, hours or Decimal("0")
    classes = (
        Enrolment.objects.filter(person=person, days_attended__gt=0)
        .annotate(y=ExtractYear("klass__starts_on"))
        .values("y")
        .annotate(n=Count("id"), h=Sum("hours_attended"))
        .values_list("y", "n", "h")
    )
    for year, n, hours in classes:
        t = of(year)
        t["classes"], t["class_hours"] = n, hours or Decimal("0")
    meetings = (
        MeetingAttendance.objects.filter(person=person, status__in=ATTENDED)
        .annotate(y=ExtractYear("meeting__held_on"))
        .values("y")
        .annotate(n=Count("id"))
        .values_list("y", "n")
    )
    for year, n in meetings:
        of(year)["meetings"] = n
    for t in totals.values():
        # Hours are kept to a tenth (the models' one decimal place), whatever the database's sum gives back.
        t["session_hours"] = t["session_hours"].quantize(TENTH)
        t["class_hours"] = t["class_hours"].quantize(TENTH)
        t["hours"] = t["session_hours"] + t["class_hours"]
    return [totals[y] for y in sorted(totals, reverse=True)]


@dataclass(frozen=True)
class YearRecord:
    """PERSON's entries of one year, newest first."""

    sessions: QuerySet[SessionAttendance]
    classes: QuerySet[Enrolment]
    meetings: QuerySet[MeetingAttendance]


def year_record(person: Member, year: int) -> YearRecord:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return YearRecord(
        sessions=SessionAttendance.objects.filter(
            person=person, year=year, session__status=SessionStatus.HELD, session__held_on__range=(start, end)
        )
        .select_related("session__group")
        .order_by("-session__held_on"),
        classes=Enrolment.objects.filter(person=person, klass__starts_on__range=(start, end))
        .select_related("klass__org")
        .order_by("-klass__starts_on"),
        meetings=MeetingAttendance.objects.filter(person=person, year=year, meeting__held_on__range=(start, end))
        .select_related("meeting__org")
        .order_by("-meeting__held_on"),
    )


RECORD_HEADERS = ["类别", "日期", "组织", "内容", "出勤", "学时"]


def record_rows(record: YearRecord) -> list[tuple[Any, ...]]:
    """One year's entries as the Excel rows of 我的学习档案, under RECORD_HEADERS."""
    rows: list[tuple[Any, ...]] = [
        (
            "中心组学习",
            a.session.held_on,
            a.session.group.name,
            a.session.topic,
            a.get_status_display(),
            a.session.hours if a.attended else 0,
        )
        for a in record.sessions
    ]
    rows += [
        ("培训班", e.klass.starts_on, e.klass.org.name, e.klass.title, f"出勤{e.days_attended}天", e.hours_attended)
        for e in record.classes
    ]
    rows += [
        ("组织生活", m.meeting.held_on, m.meeting.org.name, m.meeting.get_kind_display(), m.get_status_display(), None)
        for m in record.meetings
    ]
    return rows
