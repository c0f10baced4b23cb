"""Signing up for an activity and cancelling, with a waiting list and no overbooking.

Every change to who holds a place happens inside one transaction that first
locks the activity row (on PostgreSQL: the UPDATE of its arrival counter, or
`SELECT … FOR UPDATE`); on SQLite the settings open every transaction with
BEGIN IMMEDIATE, which takes the database write lock at once, so sign-ups to any
activity queue one behind another (`_require_immediate` refuses to run on SQLite
without it). Inside the lock we count
the places taken, hand out the next arrival number (`seq`) and take the time,
so the waiting list is ordered by arrival and the places can never exceed the
limit, however many requests arrive together (tests/test_signup_burst.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from dangjian.core import tree
from dangjian.people.models import Member

from .. import errors
from ..models import Activity, ActivityStatus, Participation, ParticipationStatus, Volunteer
from ..selectors import instance
from .structure import volunteer_register


@dataclass(frozen=True)
class SignupResult:
    participation: Participation
    waiting_position: int | None  # 1 for the first in line; None when the volunteer has a place
    places_taken: int | None = None  # the places held once this sign-up is made

    @property
    def message(self) -> str:
        if self.waiting_position is None:
            return f"报名成功：{self.participation.activity.title}。"
        return f"名额已满，您已进入候补名单第 {self.waiting_position} 位，有人取消时按顺序递补。"


def _require_immediate() -> None:
    if connection.vendor == "sqlite" and connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") != (
        "IMMEDIATE"
    ):
        # Without it two sign-ups could both read "29 taken" and both take the 30th place.
        raise ImproperlyConfigured("SQLite 须以 IMMEDIATE 事务模式运行，否则报名可能超员。")


def _lock_activity(activity_id: int) -> Activity:
    """The activity, locked until the surrounding transaction ends (see the module docstring)."""
    _require_immediate()
    try:
        return (
            Activity.objects.select_for_update(of=("self",)).select_related("brigade__corps__org").get(pk=activity_id)
        )
    except Activity.DoesNotExist:
        raise errors.ActivityMissing() from None


def confirmed_count(activity: Activity) -> int:
    return activity.participations.filter(status=ParticipationStatus.CONFIRMED).count()


def waiting_position(participation: Participation) -> int | None:
    if participation.status != ParticipationStatus.WAITING:
        return None
    return Participation.objects.filter(
        activity_id=participation.activity_id, status=ParticipationStatus.WAITING, seq__lte=participation.seq
    ).count()


def may_sign_up(activity: Activity, member: Member) -> bool:
    """Activities are open to the people of the committee whose corps runs them."""
    return tree.is_within(member.org.path, [activity.brigade.corps.org.path])


def _check_open(activity: Activity, member: Member, now: dt.datetime, committee: str | None = None) -> None:
    """Refuse a sign-up the activity is not open for; COMMITTEE: the path of the committee whose
    corps runs it, when the caller has read it (else it is read through the brigade)."""
    if activity.status != ActivityStatus.PUBLISHED:
        raise errors.SignupNotOpen()
    if now >= activity.signup_deadline:
        raise errors.SignupClosed(deadline=f"{timezone.localtime(activity.signup_deadline):%Y-%m-%d %H:%M}")
    if now >= activity.starts_at:
        raise errors.ActivityStarted()
    if committee is None:
        committee = activity.brigade.corps.org.path
    if not tree.is_within(member.org.path, [committee]):
        raise errors.OutsideCommittee()


# What a sign-up reads of the activity (the rest of the row is the activity page's business).
_SIGNUP_FIELDS = ("id", "org_id", "title", "places", "status", "signup_deadline", "starts_at", "ends_at", "signup_seq")

_A, _P = Activity._meta.db_table, Participation._meta.db_table
_LOCK_SQL = (
    f"UPDATE {_A} SET signup_seq = signup_seq + 1"
    " WHERE id = %s AND status = %s AND signup_deadline > %s AND starts_at > %s AND places = %s"
)
_LINE_SQL = (
    "SELECT MAX(seq),"
    f" COUNT(CASE WHEN status = '{ParticipationStatus.CONFIRMED.value}' THEN 1 END),"
    f" COUNT(CASE WHEN status = '{ParticipationStatus.WAITING.value}' THEN 1 END),"
    " MAX(CASE WHEN volunteer_id = %s THEN id END), MAX(CASE WHEN volunteer_id = %s THEN status END)"
    f" FROM {_P} WHERE activity_id = %s"
)


def _activity_for_signup(activity_id: int) -> tuple[Activity, str]:
    """The activity as a sign-up needs it, and the path of the committee whose corps runs it."""
    row = (
        Activity.objects.filter(pk=activity_id)
        .values(*_SIGNUP_FIELDS, committee=F("brigade__corps__org__path"))
        .order_by()
        .first()
    )
    if row is None:
        raise errors.ActivityMissing()
    committee = row.pop("committee")
    return instance(Activity, **row), committee


def _lock_if_unchanged(activity: Activity, now: dt.datetime) -> bool:
    """Lock the activity (see the module docstring) if it is still open at NOW with the places the
    unlocked read found; bump its counter. False: an organizer changed it in between.

    The UPDATE takes the row's lock on PostgreSQL (SQLite's write lock is already held since
    BEGIN IMMEDIATE), and its condition is checked under that lock. Plain SQL, as `_line`: under
    the lock every sign-up of a burst waits for the one before it, and building the statement
    through the ORM cost more than running it.
    """
    _require_immediate()
    when = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_SQL, [activity.pk, ActivityStatus.PUBLISHED.value, when, when, activity.places])
        return cursor.rowcount == 1


def _clash(member: Member, activity: Activity) -> str | None:
    """The title of the activity at an overlapping time MEMBER holds a place for or waits for."""
    return (
        Participation.objects.filter(
            volunteer__member_id=member.pk,
            status__in=[ParticipationStatus.CONFIRMED, ParticipationStatus.WAITING],
            activity__starts_at__lt=activity.ends_at,
            activity__ends_at__gt=activity.starts_at,
        )
        .exclude(activity_id=activity.pk)
        .order_by()
        .values_list("activity__title", flat=True)
        .first()
    )


def _line(activity: Activity, volunteer: Volunteer) -> dict[str, Any]:
    """The activity's sign-ups as the locked part needs them, in one statement: the last arrival
    number, the places held, the length of the waiting list, and the volunteer's own sign-up."""
    with connection.cursor() as cursor:
        cursor.execute(_LINE_SQL, [volunteer.pk, volunteer.pk, activity.pk])
        last, taken, waiting, mine, mine_status = cursor.fetchone()
    return {"last": last, "taken": taken, "waiting": waiting, "mine": mine, "mine_status": mine_status}


def signup(*, activity_id: int, member: Member) -> SignupResult:
    """Sign MEMBER up: a place while there are places, else the end of the waiting list.

    Signing up again after cancelling puts the volunteer at the end of the line.

    Only what must be atomic holds the lock (a burst of 500 sign-ups queues on it, one behind
    another), four statements: the lock with the check that the activity is still open, one read
    of the line, the sign-up and its audit entry. The refusals that need no lock (closed, outside
    the committee, a time clash) and a first-time volunteer's registration happen before it. The
    registration's own transaction also keeps its audit entry (the audit chain's lock) out of the
    activity's lock: taken in the other order by two sign-ups on PostgreSQL, they deadlocked.
    """
    activity, committee = _activity_for_signup(activity_id)
    _check_open(activity, member, timezone.now(), committee)
    clash = _clash(member, activity)
    if clash is not None:
        raise errors.TimeClash(title=clash)
    volunteer = volunteer_register(member=member)
    for _attempt in range(3):
        try:
            participation, position, taken = _sign_up_locked(activity, volunteer)
            break
        except _Changed:  # re-read: the refusal it now calls for, or the sign-up with its new places
            activity, committee = _activity_for_signup(activity_id)
            _check_open(activity, member, timezone.now(), committee)
    else:  # changed under us three times running: an organizer is editing it right now
        raise errors.ActivityChanging()
    participation.activity = activity
    return SignupResult(participation, position, taken)


class _Changed(Exception):
    """The activity changed between the unlocked read and the lock."""


@transaction.atomic
def _sign_up_locked(activity: Activity, volunteer: Volunteer) -> tuple[Participation, int | None, int]:
    """The locked part of a sign-up: the participation, the place on the waiting list (None: a
    place) and the places held after it."""
    if not _lock_if_unchanged(activity, timezone.now()):
        raise _Changed()
    now = timezone.now()  # taken under the lock, so sign-up times follow the arrival order
    line = _line(activity, volunteer)
    if line["mine"] is not None and line["mine_status"] != ParticipationStatus.CANCELLED:
        state = "已报名" if line["mine_status"] == ParticipationStatus.CONFIRMED else "已在候补名单中"
        raise errors.AlreadySignedUp(state=state)
    has_place = line["taken"] < activity.places
    fields = {
        "team_id": volunteer.team_id,
        "status": ParticipationStatus.CONFIRMED if has_place else ParticipationStatus.WAITING,
        "seq": (line["last"] or 0) + 1,
        "signed_up_at": now,
        "confirmed_at": now if has_place else None,
        "cancelled_at": None,
    }
    if line["mine"] is None:
        participation = Participation.objects.create(activity=activity, volunteer=volunteer, **fields)
    else:  # signing up again after cancelling
        participation = Participation.objects.get(pk=line["mine"])
        for name, value in fields.items():
            setattr(participation, name, value)
        participation.activity = activity
        participation.save()
    if has_place:
        return participation, None, line["taken"] + 1
    return participation, line["waiting"] + 1, line["taken"]


@transaction.atomic
def signup_cancel(*, activity_id: int, member: Member) -> list[Participation]:
    """Cancel MEMBER's sign-up before the activity starts; a freed place goes to the first in line.

    Returns the participations promoted from the waiting list.
    """
    activity = _lock_activity(activity_id)
    now = timezone.now()
    participation = (
        Participation.objects.filter(
            activity=activity,
            volunteer__member=member,
            status__in=[ParticipationStatus.CONFIRMED, ParticipationStatus.WAITING],
        )
        .select_for_update()
        .first()
    )
    if participation is None:
        raise errors.NotSignedUp()
    if now >= activity.starts_at:
        raise errors.CancelTooLate()
    participation.status = ParticipationStatus.CANCELLED
    participation.cancelled_at = now
    participation.save(update_fields=["status", "cancelled_at"])
    return fill_places(activity, now=now)


def fill_places(activity: Activity, *, now: dt.datetime) -> list[Participation]:
    """Give free places to the waiting list in arrival order. The caller holds the activity lock."""
    free = activity.places - confirmed_count(activity)
    if free <= 0 or activity.status == ActivityStatus.CANCELLED or now >= activity.starts_at:
        return []
    promoted = list(
        Participation.objects.filter(activity=activity, status=ParticipationStatus.WAITING).order_by("seq")[:free]
    )
    for p in promoted:
        p.status = ParticipationStatus.CONFIRMED
        p.confirmed_at = now
        p.save(update_fields=["status", "confirmed_at"])
    return promoted


def volunteer_of(member: Member) -> Volunteer | None:
    return Volunteer.objects.filter(member=member).first()
