"""Attendance and hours: check-in/out, the leader's marks, adjustments, confirmation, corrections.

Hours are actual service time: from the later of check-in and the planned
start to the earlier of check-out and the planned end (travel and waiting are
not service), rounded down to VolunteerSettings.hours_step_minutes. The organizer may change a
figure with a reason (kept as an HoursAdjustment), then confirms the activity:
each attendee's hours become a ServiceRecord and the activity's hours lock.
After that only the committee corrects a record, again with a reason.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from django.db import transaction
from django.utils import timezone

from .. import errors
from ..conf import VolunteerSettings
from ..models import (
    Activity,
    ActivityStatus,
    HoursAdjustment,
    Participation,
    ParticipationStatus,
    RecordCorrection,
    ServiceRecord,
)
from .signup import _lock_activity

TWO_PLACES = Decimal("0.01")


def service_hours(
    checked_in_at: dt.datetime, checked_out_at: dt.datetime, starts_at: dt.datetime, ends_at: dt.datetime
) -> Decimal:
    start, end = max(checked_in_at, starts_at), min(checked_out_at, ends_at)
    if end <= start:
        return Decimal("0.00")
    step = VolunteerSettings.current().hours_step_minutes
    minutes = int((end - start).total_seconds() // 60)
    minutes -= minutes % step
    return (Decimal(minutes) / Decimal(60)).quantize(TWO_PLACES, rounding=ROUND_DOWN)


def checkin_window(activity: Activity) -> tuple[dt.datetime, dt.datetime]:
    return (
        activity.starts_at - dt.timedelta(minutes=VolunteerSettings.current().checkin_opens_minutes_before),
        activity.ends_at + dt.timedelta(minutes=VolunteerSettings.current().checkout_closes_minutes_after),
    )


def _check_unlocked(activity: Activity) -> None:
    if activity.hours_locked:
        raise errors.HoursLocked()
    if activity.status != ActivityStatus.PUBLISHED:
        raise errors.ActivityNotPublished()


@transaction.atomic
def check_in_or_out(*, activity: Activity, member) -> Participation:
    """The volunteer's own scan of the activity's QR code: the first scan checks in, the second out."""
    locked = _lock_activity(activity.pk)
    _check_unlocked(locked)
    now = timezone.now()
    opens, closes = checkin_window(locked)
    if now < opens:
        raise errors.CheckinNotOpen(opens=f"{timezone.localtime(opens):%m-%d %H:%M}")
    if now > closes:
        raise errors.CheckinClosed()
    participation = Participation.objects.filter(
        activity=locked, volunteer__member=member, status=ParticipationStatus.CONFIRMED
    ).first()
    if participation is None:
        raise errors.NoPlace()
    if participation.checked_in_at is None:
        participation.checked_in_at = now
    elif participation.checked_out_at is None:
        participation.checked_out_at = now
        participation.hours = service_hours(participation.checked_in_at, now, locked.starts_at, locked.ends_at)
    else:
        raise errors.AlreadyCheckedOut()
    participation.marked_by = None
    participation.save(update_fields=["checked_in_at", "checked_out_at", "hours", "marked_by"])
    return participation


@transaction.atomic
def attendance_mark(
    *, participation: Participation, checked_in_at: dt.datetime | None, checked_out_at: dt.datetime | None, by
) -> Participation:
    """The leader records a participant's times (both empty: absent). Hours follow from the times."""
    locked = _lock_activity(participation.activity_id)
    _check_unlocked(locked)
    participation = Participation.objects.get(pk=participation.pk)
    if participation.status != ParticipationStatus.CONFIRMED:
        raise errors.NotConfirmed()
    if checked_in_at is None and checked_out_at is not None:
        raise errors.CheckOutWithoutCheckIn()
    if checked_in_at and checked_out_at and checked_out_at <= checked_in_at:
        raise errors.CheckOutBeforeCheckIn()
    participation.checked_in_at = checked_in_at
    participation.checked_out_at = checked_out_at
    participation.hours = (
        service_hours(checked_in_at, checked_out_at, locked.starts_at, locked.ends_at)
        if checked_in_at and checked_out_at
        else None
    )
    participation.marked_by = by
    participation.save(update_fields=["checked_in_at", "checked_out_at", "hours", "marked_by"])
    return participation


def _clean_hours(hours: Decimal) -> Decimal:
    limit = Decimal(VolunteerSettings.current().max_hours_per_activity)
    if hours < 0 or hours > limit:
        raise errors.HoursOutOfRange(field="hours", limit=limit)
    return hours.quantize(TWO_PLACES)


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise errors.ReasonMissing(field="reason")
    return reason[:200]


@transaction.atomic
def hours_adjust(*, participation: Participation, hours: Decimal, reason: str, by) -> HoursAdjustment:
    """The organizer sets a participant's hours by hand; the old figure and the reason are kept."""
    locked = _lock_activity(participation.activity_id)
    _check_unlocked(locked)
    participation = Participation.objects.get(pk=participation.pk)
    if participation.status != ParticipationStatus.CONFIRMED:
        raise errors.NotConfirmed("只能调整获得名额的志愿者的时长。")
    if participation.checked_in_at is None:
        raise errors.NotCheckedIn()
    hours, reason = _clean_hours(hours), _clean_reason(reason)
    adjustment = HoursAdjustment.objects.create(
        participation=participation,
        old_hours=participation.hours,
        new_hours=hours,
        reason=reason,
        adjusted_by=by,
        adjusted_at=timezone.now(),
    )
    participation.hours = hours
    participation.save(update_fields=["hours"])
    return adjustment


@transaction.atomic
def hours_confirm(*, activity: Activity, by) -> list[ServiceRecord]:
    """Lock the activity's hours into each attendee's service record (whoever organizes records)."""
    locked = _lock_activity(activity.pk)
    _check_unlocked(locked)
    now = timezone.now()
    if now < locked.ends_at:
        raise errors.ActivityNotEnded()
    attendees = list(
        Participation.objects.filter(
            activity=locked, status=ParticipationStatus.CONFIRMED, checked_in_at__isnull=False
        ).select_related("volunteer__member")
    )
    missing = [p.volunteer.member.name for p in attendees if p.hours is None]
    if missing:
        raise errors.HoursMissing(names="、".join(missing[:10]) + ("等" if len(missing) > 10 else ""))
    served_on = timezone.localtime(locked.starts_at).date()
    content = f"{locked.get_kind_display()}：{locked.title}"[:200]
    # One by one, not bulk: each record gets its own audit entry.
    records = [
        ServiceRecord.objects.create(
            volunteer_id=p.volunteer_id,
            activity=locked,
            participation=p,
            org_id=locked.org_id,
            corps_id=locked.brigade.corps_id,
            brigade_id=locked.brigade_id,
            team_id=p.team_id,
            served_on=served_on,
            place=locked.place,
            content=content,
            hours=p.hours,
            recorded_at=now,
            recorded_by=by,
        )
        for p in attendees
        if p.hours and p.hours > 0
    ]
    locked.hours_confirmed_at = now
    locked.hours_confirmed_by = by
    locked.save(update_fields=["hours_confirmed_at", "hours_confirmed_by"])
    return records


@transaction.atomic
def record_correct(*, record: ServiceRecord, hours: Decimal, reason: str, by) -> RecordCorrection:
    """The committee's correction of a locked record, kept beside it with the old figure and the reason."""
    record = ServiceRecord.objects.select_for_update().get(pk=record.pk)
    hours = _clean_hours(hours)
    reason = _clean_reason(reason)
    if hours == record.hours:
        raise errors.HoursUnchanged(field="hours")
    correction = RecordCorrection.objects.create(
        record=record,
        old_hours=record.hours,
        new_hours=hours,
        reason=reason,
        corrected_by=by,
        corrected_at=timezone.now(),
    )
    record.hours = hours
    record.save(update_fields=["hours"])
    return correction
