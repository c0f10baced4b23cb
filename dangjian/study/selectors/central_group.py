"""Reads of central-group study: what a user may see, the quarterly frequency check, observers' tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractMonth

from dangjian.core import scoping

from ..conf import StudySettings
from ..models import ATTENDED, GroupKind, Observer, Session, SessionStatus, StudyGroup
from .calendar import DUE, FUTURE, HELD, MISSING, STATE_LABELS, as_of_for, period_bounds

if TYPE_CHECKING:
    from dangjian.accounts.http import AuthedRequest


def groups_for(user: Any) -> QuerySet[StudyGroup]:
    return scoping.scoped_by_org(user, StudyGroup.objects.select_related("org"))


def sessions_for(user: Any) -> QuerySet[Session]:
    return scoping.scoped_by_org(user, Session.objects.select_related("group", "org"))


class SessionCounts(TypedDict):
    invited: int
    attended: int


if TYPE_CHECKING:  # WithAnnotations takes the TypedDict only when type-checking
    from django_stubs_ext import WithAnnotations

    CountedSession = WithAnnotations[Session, SessionCounts]


def with_counts(sessions: QuerySet[Session]) -> QuerySet[CountedSession]:
    """SESSIONS with `invited` (everyone marked) and `attended` (present or late) on each."""
    return sessions.annotate(
        invited=Count("attendances", distinct=True),
        attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED), distinct=True),
    )


def sessions_visible_to(user: Any) -> QuerySet[Session]:
    """Sessions of the user's subtrees, and those the user was invited to or observes (read only)."""
    q = Q(pk__in=sessions_for(user).values("pk"))
    person_id = getattr(user, "person_id", None)
    if person_id:
        q |= Q(attendances__person_id=person_id) | Q(observers__person_id=person_id)
    q |= Q(observers__user_id=user.pk)
    return Session.objects.filter(q).distinct().select_related("group", "org")


def session_visible_or_404(request: AuthedRequest, pk: int) -> tuple[Session, bool]:
    """The session and whether the user manages it."""
    session = scoping.get_visible_or_404(request, sessions_visible_to(request.user), pk=pk)
    return session, scoping.can_manage_org(request.user, session.org)


def observer_tasks_of(user: Any) -> QuerySet[Observer]:
    """The user's observer tasks: as an account, or as the person the account belongs to."""
    q = Q(user_id=user.pk)
    if getattr(user, "person_id", None):
        q |= Q(person_id=user.person_id)
    return (
        Observer.objects.filter(q)
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session__org", "session__group")
    )


def observers_for(user: Any) -> QuerySet[Observer]:
    """Every observer task of the sessions in the user's subtrees (for the staff's overview)."""
    return scoping.scoped_by_org(
        user, Observer.objects.select_related("session__org", "session__group"), org_field="session__org"
    ).exclude(session__status=SessionStatus.CANCELLED)


def overdue_writeups(observers: QuerySet[Observer], today: dt.date) -> QuerySet[Observer]:
    return observers.filter(
        writeup_submitted_at__isnull=True, writeup_due_on__lt=today, session__status=SessionStatus.HELD
    )


def short_notice(observers: QuerySet[Observer]) -> QuerySet[Observer]:
    return observers.filter(notice_working_days__lt=StudySettings.current().observer_notice_working_days)


@dataclass
class QuarterCell:
    label: str
    state: str
    count: int

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class GroupFrequency:
    group: StudyGroup
    cells: list[QuarterCell]
    held: int

    @property
    def behind(self) -> bool:
        return any(c.state == MISSING for c in self.cells)


def frequency(groups: QuerySet[StudyGroup], year: int, today: dt.date) -> list[GroupFrequency]:
    """Collective sessions held by each leadership group in each quarter of YEAR, against the minimum."""
    minimum = StudySettings.current().central_group_min_per_quarter
    groups = groups.filter(kind=GroupKind.LEADERSHIP)
    rows = (
        Session.objects.filter(group__in=groups, status=SessionStatus.HELD, held_on__year=year)
        .annotate(month=ExtractMonth("held_on"))
        .values_list("group_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, list[int]] = {}
    for group_id, month, n in rows:
        counts.setdefault(group_id, [0, 0, 0, 0])[(month - 1) // 3] += n
    as_of = as_of_for(year, today)
    result = []
    for group in groups.order_by("org__path", "id"):
        per_quarter = counts.get(group.pk, [0, 0, 0, 0])
        cells = []
        for q, n in enumerate(per_quarter):
            start, end = period_bounds(year, "quarter", q)
            if n >= minimum:
                state = HELD
            elif start > as_of:
                state = FUTURE
            elif end < as_of:
                state = MISSING
            else:
                state = DUE
            cells.append(QuarterCell(label=f"第{'一二三四'[q]}季度", state=state, count=n))
        result.append(GroupFrequency(group=group, cells=cells, held=sum(per_quarter)))
    return result
