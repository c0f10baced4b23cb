"""Reads of training classes: who sees which, each day's roster, completion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from dangjian.core import scoping
from dangjian.orgs.selectors import ancestor_paths

from .. import conf
from ..models import ATTENDED, DayAttendance, Enrolment, TrainingClass, TrainingDay

if TYPE_CHECKING:
    from dangjian.accounts.http import AuthedRequest
    from dangjian.people.models import Member


def classes_for(user: Any) -> QuerySet[TrainingClass]:
    """The classes organized in the user's subtrees (for those who run them)."""
    return scoping.scoped_by_org(user, TrainingClass.objects.select_related("org"))


def classes_reaching(person: Member) -> QuerySet[TrainingClass]:
    """Classes of PERSON's organization or of one above it: the ones they may hear of."""
    return TrainingClass.objects.filter(org__path__in=ancestor_paths(person.org.path)).select_related("org")


def open_classes(person: Member, today: dt.date) -> QuerySet[TrainingClass]:
    return classes_reaching(person).filter(
        Q(signup_closes_on__isnull=True, ends_on__gte=today) | Q(signup_closes_on__gte=today),
        cancelled_at__isnull=True,
        self_signup=True,
    )


@dataclass
class ClassAccess:
    klass: TrainingClass
    manages: bool
    enrolment: Enrolment | None


def class_visible_or_404(request: AuthedRequest, pk: int) -> ClassAccess:
    """A class its organizers manage; a person sees one that reaches them or that they are on."""
    user = request.user
    q = Q(pk__in=classes_for(user).values("pk"))
    person = getattr(user, "person", None) if getattr(user, "person_id", None) else None
    if person is not None:
        q |= Q(org__path__in=ancestor_paths(person.org.path)) | Q(enrolments__person=person)
    visible = TrainingClass.objects.filter(q).distinct().select_related("org")
    klass = scoping.get_visible_or_404(request, visible, pk=pk)
    enrolment = klass.enrolments.filter(person=person).first() if person is not None else None
    return ClassAccess(klass=klass, manages=scoping.can_manage_org(user, klass.org), enrolment=enrolment)


@dataclass
class RosterLine:
    enrolment: Enrolment
    applies: bool  # enrolled by that day
    mark: DayAttendance | None

    @property
    def status(self) -> str:
        if self.mark is not None:
            return self.mark.status
        return ""


def day_roster(day: TrainingDay) -> list[RosterLine]:
    """Every active enrolment of the day's class, with its mark; those enrolled later do not apply."""
    marks = {a.enrolment_id: a for a in day.attendances.all()}
    lines = []
    for e in (
        day.klass.enrolments.filter(withdrawn_at__isnull=True)
        .select_related("person__org")
        .order_by("person__name_initials", "id")
    ):
        lines.append(RosterLine(enrolment=e, applies=e.enrolled_on <= day.day, mark=marks.get(e.pk)))
    return lines


@dataclass
class DayStanding:
    day: TrainingDay
    status: str  # a Mark, "absent" when unmarked after the day, "" when not (yet) due, "n/a" before enrolment

    @property
    def label(self) -> str:
        return {"present": "出席", "late": "迟到", "excused": "请假", "absent": "缺勤", "": "—", "n/a": "报名前"}[
            self.status
        ]


def standing_by_day(enrolment: Enrolment, today: dt.date) -> list[DayStanding]:
    """The person's mark for each day; an unmarked day that has passed reads as absent,
    a day before they enrolled reads as not theirs (never absent)."""
    marks = {a.day_id: a.status for a in enrolment.attendances.all()}
    result = []
    for day in enrolment.klass.days.all():
        if day.day < enrolment.enrolled_on:
            status = "n/a"
        elif day.pk in marks:
            status = marks[day.pk]
        elif day.day < today:
            status = "absent"
        else:
            status = ""
        result.append(DayStanding(day=day, status=status))
    return result


@dataclass(frozen=True)
class Completion:
    due_days: int  # days from enrolment on
    attended: int
    complete: bool

    @property
    def ratio(self) -> float:
        return self.attended / self.due_days if self.due_days else 0.0


def completion(enrolment: Enrolment, today: dt.date) -> Completion:
    """Whether the class is over and the person attended enough of the days that were theirs."""
    days = [d for d in enrolment.klass.days.all() if d.day >= enrolment.enrolled_on]
    attended = sum(
        1
        for a in enrolment.attendances.select_related("day")
        if a.status in ATTENDED and a.day.day >= enrolment.enrolled_on
    )
    over = enrolment.klass.ends_on < today or (enrolment.klass.ends_on == today and attended >= len(days))
    ratio = float(conf.get("COMPLETION_RATIO"))
    complete = (
        over
        and enrolment.klass.cancelled_at is None
        and enrolment.withdrawn_at is None
        and bool(days)
        and attended >= ratio * len(days) - 1e-9
    )
    return Completion(due_days=len(days), attended=attended, complete=complete)
