"""Signing up for an activity and cancelling, with a waiting list and no overbooking.

Every change to who holds a place happens inside one transaction that first
locks the activity row: `SELECT … FOR UPDATE` on PostgreSQL; on SQLite the
settings open every transaction with BEGIN IMMEDIATE, which takes the database
write lock at once, so sign-ups to any activity queue one behind another
(`_lock_activity` refuses to run on SQLite without it). Inside the lock we count
the places taken, hand out the next arrival number (`seq`) and take the time,
so the waiting list is ordered by arrival and the places can never exceed the
limit, however many requests arrive together (tests/test_signup_burst.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from dangjian.core import tree
from dangjian.people.models import Member

from .. import errors
from ..models import Activity, ActivityStatus, Participation, ParticipationStatus, Volunteer
from .structure import volunteer_register


@dataclass(frozen=True)
class SignupResult:
    participation: Participation
    waiting_position: int | None  # 1 for the first in line; None when the volunteer has a place

    @property
    def message(self) -> str:
        if self.waiting_position is None:
            return f"报名成功：{self.participation.activity.title}。"
        return f"名额已满，您已进入候补名单第 {self.waiting_position} 位，有人取消时按顺序递补。"


def _lock_activity(activity_id: int) -> Activity:
    """The activity, locked until the surrounding transaction ends (see the module docstring)."""
    if connection.vendor == "sqlite" and connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") != (
        "IMMEDIATE"
    ):
        # Without it two sign-ups could both read "29 taken" and both take the 30th place.
        raise ImproperlyConfigured("SQLite 须以 IMMEDIATE 事务模式运行，否则报名可能超员。")
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


def _check_open(activity: Activity, member: Member, now: dt.datetime) -> None:
    if activity.status != ActivityStatus.PUBLISHED:
        raise errors.SignupNotOpen()
    if now >= activity.signup_deadline:
        raise errors.SignupClosed(deadline=f"{timezone.localtime(activity.signup_deadline):%Y-%m-%d %H:%M}")
    if now >= activity.starts_at:
        raise errors.ActivityStarted()
    if not may_sign_up(activity, member):
        raise errors.OutsideCommittee()


@transaction.atomic
def signup(*, activity_id: int, member: Member) -> SignupResult:
    """Sign MEMBER up: a place while there are places, else the end of the waiting list.

    Signing up again after cancelling puts the volunteer at the end of the line.
    """
    # The activity's lock first, then any write: registering a first-time volunteer writes an audit
    # entry, which takes the audit chain's lock; taken before the activity's, two sign-ups on
    # PostgreSQL would each hold one and wait for the other (a deadlock, "please retry").
    activity = _lock_activity(activity_id)
    volunteer = volunteer_register(member=member)
    now = timezone.now()  # taken under the lock, so sign-up times follow the arrival order
    _check_open(activity, member, now)
    existing = Participation.objects.filter(activity=activity, volunteer=volunteer).first()
    if existing is not None and existing.status != ParticipationStatus.CANCELLED:
        state = "已报名" if existing.status == ParticipationStatus.CONFIRMED else "已在候补名单中"
        raise errors.AlreadySignedUp(state=state)
    clash = (
        Participation.objects.filter(
            volunteer=volunteer,
            status__in=[ParticipationStatus.CONFIRMED, ParticipationStatus.WAITING],
            activity__starts_at__lt=activity.ends_at,
            activity__ends_at__gt=activity.starts_at,
        )
        .exclude(activity=activity)
        .select_related("activity")
        .first()
    )
    if clash is not None:
        raise errors.TimeClash(title=clash.activity.title)
    seq = activity.signup_seq + 1
    Activity.objects.filter(pk=activity.pk).update(signup_seq=seq)
    has_place = confirmed_count(activity) < activity.places
    fields = {
        "team_id": volunteer.team_id,
        "status": ParticipationStatus.CONFIRMED if has_place else ParticipationStatus.WAITING,
        "seq": seq,
        "signed_up_at": now,
        "confirmed_at": now if has_place else None,
        "cancelled_at": None,
    }
    if existing is None:
        participation = Participation.objects.create(activity=activity, volunteer=volunteer, **fields)
    else:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        participation = existing
    participation.activity = activity
    return SignupResult(participation, None if has_place else waiting_position(participation))


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
