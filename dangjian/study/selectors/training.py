"""Reads of training classes: who sees which, each day's roster, completion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Q, QuerySet

from dangjian.core import scoping, tree

from ..conf import StudySettings
from ..models import ATTENDED, ClassStatus, DayAttendance, Enrolment, Mark, TrainingClass, TrainingDay

if TYPE_CHECKING:
    from dangjian.accounts.http import AuthedRequest
    from dangjian.people.models import Member


def classes_for(user: Any) -> QuerySet[TrainingClass]:
    """The classes organized in the user's subtrees (for those who run them)."""
    return scoping.scoped_by_org(user, TrainingClass.objects.select_related("org"))


def classes_reaching(person: Member) -> QuerySet[TrainingClass]:
    """Classes of PERSON's organization or of one above it: the ones they may hear of."""
    return TrainingClass.objects.filter(org__path__in=tree.ancestor_paths(person.org.path)).select_related("org")


def open_classes(person: Member, today: dt.date) -> QuerySet[TrainingClass]:
    return classes_reaching(person).filter(
        Q(signup_closes_on__isnull=True, ends_on__gte=today) | Q(signup_closes_on__gte=today),
        status=ClassStatus.SCHEDULED,
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
        q |= Q(org__path__in=tree.ancestor_paths(person.org.path)) | Q(enrolments__person=person)
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


@dataclass(frozen=True)
class SigninCount:
    signed: int  # present or late
    late: int
    expected: int  # on the class (not withdrawn) and enrolled by that day


def signin_count(day: TrainingDay) -> SigninCount:
    """How many of the day's people have signed in so far (two counting queries)."""
    marks = DayAttendance.objects.filter(day=day, status__in=ATTENDED).aggregate(
        signed=Count("id"), late=Count("id", filter=Q(status=Mark.LATE))
    )
    expected = day.klass.enrolments.filter(withdrawn_at__isnull=True, enrolled_on__lte=day.day).count()
    return SigninCount(signed=marks["signed"], late=marks["late"], expected=expected)


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
    ratio = StudySettings.current().completion_ratio
    complete = (
        over
        and not enrolment.klass.is_cancelled
        and enrolment.withdrawn_at is None
        and bool(days)
        and attended >= ratio * len(days) - 1e-9
    )
    return Completion(due_days=len(days), attended=attended, complete=complete)


# ---------------------------------------------------------------- the class pages

PHASES = {"upcoming": "未开班", "ongoing": "进行中", "ended": "已结业", "cancelled": "已取消"}


class DayCounts(TypedDict):
    marked: int
    attended: int


class ClassCounts(TypedDict):
    days_count: int


if TYPE_CHECKING:  # WithAnnotations takes the TypedDict only when type-checking
    from django_stubs_ext import WithAnnotations

    CountedDay = WithAnnotations[TrainingDay, DayCounts]
    CountedClass = WithAnnotations[TrainingClass, ClassCounts]


def class_list(user: Any, *, year: int, phase: str, today: dt.date) -> QuerySet[CountedClass]:
    """The classes of YEAR the user's organizations run, in PHASE (a PHASES key; anything else: all), newest first."""
    classes = classes_for(user).filter(starts_on__year=year)
    if phase == "upcoming":
        classes = classes.filter(starts_on__gt=today, status=ClassStatus.SCHEDULED)
    elif phase == "ongoing":
        classes = classes.filter(starts_on__lte=today, ends_on__gte=today, status=ClassStatus.SCHEDULED)
    elif phase == "ended":
        classes = classes.filter(ends_on__lt=today, status=ClassStatus.SCHEDULED)
    elif phase == "cancelled":
        classes = classes.filter(status=ClassStatus.CANCELLED)
    return classes.annotate(days_count=Count("days", distinct=True)).order_by("-starts_on", "-id")


CLASS_HEADERS = [
    "培训班",
    "主办组织",
    "培训对象",
    "场所类别",
    "地点",
    "开班",
    "结业",
    "天数",
    "学时",
    "名额",
    "报名人数",
    "状态",
]


def class_rows(classes: Iterable[CountedClass]) -> list[tuple[Any, ...]]:
    """The class list's Excel rows, under CLASS_HEADERS."""
    return [
        (
            k.title,
            k.org.name,
            k.get_audience_display(),
            k.get_venue_kind_display(),
            k.venue,
            k.starts_on,
            k.ends_on,
            k.days_count,
            k.hours,
            k.capacity,
            k.enrolled,
            "已取消" if k.is_cancelled else "",
        )
        for k in classes
    ]


def class_days(klass: TrainingClass) -> list[CountedDay]:
    """The class's days with `marked` and `attended` (present or late) on each: one query."""
    return list(
        klass.days.annotate(
            marked=Count("attendances"),
            attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED)),
        ).order_by("day")  # a grouped query ignores Meta.ordering
    )


def class_enrolments(klass: TrainingClass) -> QuerySet[Enrolment]:
    """Everyone on the class, those still on it first, by organization and name."""
    return klass.enrolments.select_related("person__org").order_by(
        "withdrawn_at", "person__org__path", "person__name_initials"
    )


@dataclass(frozen=True)
class MemberView:
    """A class as a person who does not run it sees it: their enrolment, standing, completion, and
    (not enrolled) why they cannot sign up."""

    enrolment: Enrolment | None
    standing: list[DayStanding]
    completion: Completion | None
    problem: str


def member_view(klass: TrainingClass, enrolment: Enrolment | None, person: Member | None, today: dt.date) -> MemberView:
    from ..services.training import signup_problem  # the same check signing up makes

    on_it = enrolment is not None and enrolment.active
    return MemberView(
        enrolment=enrolment,
        standing=standing_by_day(enrolment, today) if enrolment else [],
        completion=completion(enrolment, today) if enrolment else None,
        problem=signup_problem(klass, person, today) if person is not None and not on_it else "",
    )


def class_sheet(
    klass: TrainingClass, days: Sequence[TrainingDay], today: dt.date
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The class's roster with each day's mark, as Excel headers and rows (two queries)."""
    marks = {
        (a.enrolment_id, a.day_id): a
        for a in DayAttendance.objects.filter(day__klass=klass).only("enrolment_id", "day_id", "status")
    }
    headers = [
        "姓名",
        "所在组织",
        "报名日期",
        "报名方式",
        "状态",
        *[f"{d.day:%m-%d}" for d in days],
        "出勤天数",
        "获得学时",
    ]
    rows: list[tuple[Any, ...]] = []
    for e in class_enrolments(klass):
        cells = []
        for d in days:
            mark = marks.get((e.pk, d.pk))
            cells.append(
                mark.get_status_display()
                if mark
                else ("报名前" if d.day < e.enrolled_on else ("缺勤" if d.day < today else ""))
            )
        rows.append(
            (
                e.person.name,
                e.person.org.name,
                e.enrolled_on,
                e.get_method_display(),
                "已退出" if e.withdrawn_at else "在班",
                *cells,
                e.days_attended,
                e.hours_attended,
            )
        )
    return headers, rows
