"""The records behind each figure of stats.py, for an organization's subtree and a year.

stats.py counts these querysets and the records pages list them, so a figure
and its list cannot disagree. The attendance querysets also filter on the rows' own `year` (their
parent's year, the partition key of their table on PostgreSQL): the same rows, but PostgreSQL then
reads only that year's partitions instead of every year's (issue 16 §2).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..conf import StudySettings
from ..models import (
    ATTENDED,
    ClassStatus,
    DayAttendance,
    Enrolment,
    Meeting,
    Session,
    SessionAttendance,
    SessionStatus,
    TrainingClass,
)


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def held_sessions(org: Organization, year: int) -> QuerySet[Session]:
    """Collective sessions held in YEAR by groups of ORG's subtree (joint sessions belong to the committee)."""
    return scoping.in_subtree(Session.objects.all(), org).filter(status=SessionStatus.HELD, held_on__range=_year(year))


def session_attendances(org: Organization, year: int) -> QuerySet[SessionAttendance]:
    """Person-times of those sessions: everyone marked present or late."""
    return scoping.in_subtree(SessionAttendance.objects.all(), org, "session__org").filter(
        year=year,  # the session's year: prunes the other years' partitions
        session__status=SessionStatus.HELD,
        session__held_on__range=_year(year),
        status__in=ATTENDED,
    )


def held_classes(org: Organization, year: int, today: dt.date) -> QuerySet[TrainingClass]:
    """Classes of ORG's subtree that began in YEAR (by TODAY) and were not cancelled."""
    start, end = _year(year)
    return scoping.in_subtree(TrainingClass.objects.all(), org, "org").filter(
        status=ClassStatus.SCHEDULED, starts_on__range=(start, min(end, today))
    )


def per_day() -> bool:
    return StudySettings.current().training_person_times == "per_day"


def training_enrolments(org: Organization, year: int, today: dt.date) -> QuerySet[Enrolment]:
    """Person-times of those classes counted per class: each person present or late on at least one day."""
    start, end = _year(year)
    return scoping.in_subtree(Enrolment.objects.all(), org, "klass__org").filter(
        klass__status=ClassStatus.SCHEDULED,
        klass__starts_on__range=(start, min(end, today)),
        days_attended__gt=0,
    )


def training_day_marks(org: Organization, year: int, today: dt.date) -> QuerySet[DayAttendance]:
    """Person-times counted per day: every day someone was present or late."""
    start, end = _year(year)
    return scoping.in_subtree(DayAttendance.objects.all(), org, "day__klass__org").filter(
        # A mark's year is its day's: a class begun in YEAR has no day before it (it may run into
        # the next year), so the earlier years' partitions are pruned.
        year__gte=year,
        day__klass__status=ClassStatus.SCHEDULED,
        day__klass__starts_on__range=(start, min(end, today)),
        status__in=ATTENDED,
    )


def counted_meetings(org: Organization, year: int) -> QuerySet[Meeting]:
    """三会一课 meetings held in YEAR in ORG's subtree (a branch committee meeting only with quorum)."""
    return (
        scoping.in_subtree(Meeting.objects.all(), org, "org")
        .filter(kind__in=StudySettings.current().org_life_counted_kinds, held_on__range=_year(year))
        .exclude(quorum_met=False)
    )
