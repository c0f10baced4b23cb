"""Signing in to a training class's days: by QR code within each day's window, or marked by hand.

Each day has its own code (TrainingDay.token). It signs people in only on its day,
within the window StudySettings sets around the day's hours, and never again after:
an old day's code, photographed and passed on, marks nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from dangjian.core import registry
from dangjian.core.errors import Refusal
from dangjian.people.models import Member

from ..conf import StudySettings
from ..errors import (
    CheckinClosed,
    CheckinExpired,
    CheckinNotEnrolled,
    CheckinNotOpen,
    CheckinWrongDay,
    ClassCancelled,
    DayNotYet,
    EnrolledAfterDay,
    NotEnrolled,
)
from ..models import ATTENDED, DayAttendance, Enrolment, Mark, SignInMethod, TrainingDay
from .marks import MarkIn, check_marks, write_rows


def applies_to(enrolment: Enrolment, day: TrainingDay) -> bool:
    """A day counts for an enrolment only from the day the person enrolled."""
    return enrolment.enrolled_on <= day.day


def recount(enrolment_ids: Sequence[int]) -> None:
    """Recompute days and hours attended (present or late) of ENROLMENT_IDS from their marks."""
    if not enrolment_ids:
        return
    attended = (
        DayAttendance.objects.filter(enrolment=OuterRef("pk"), status__in=ATTENDED).order_by().values("enrolment")
    )
    Enrolment.objects.filter(pk__in=list(enrolment_ids)).update(
        days_attended=Coalesce(Subquery(attended.annotate(n=Count("id")).values("n")), Value(0)),
        hours_attended=Coalesce(
            Subquery(attended.annotate(h=Sum("day__hours")).values("h")),
            Value(Decimal("0")),
            output_field=DecimalField(max_digits=5, decimal_places=1),
        ),
    )
    registry.figures_changed("study")  # QuerySet.update sends no signals


@transaction.atomic
def day_mark(
    *,
    day: TrainingDay,
    marks: Mapping[int, MarkIn],
    by: Any,
    method: str = SignInMethod.MANUAL,
    today: dt.date | None = None,
) -> None:
    """Mark the people of MARKS (person id → mark) for DAY; each must be enrolled by then."""
    today = today or timezone.localdate()
    if day.day > today:
        raise DayNotYet(day=f"{day.day:%Y-%m-%d}")
    enrolments = {
        e.person_id: e for e in day.klass.enrolments.select_related("person").filter(person_id__in=list(marks))
    }
    names = {pid: e.person.name for pid, e in enrolments.items()}
    problems = [str(pid) for pid in marks if pid not in enrolments]
    if problems:
        raise NotEnrolled()
    late_comers = [e.person.name for e in enrolments.values() if not applies_to(e, day)]
    if late_comers:
        raise EnrolledAfterDay(day=f"{day.day:%Y-%m-%d}", names="、".join(late_comers))
    marks = check_marks(marks, names)
    existing = {a.enrolment_id: a for a in day.attendances.select_related("enrolment__person")}
    new, changed, before = [], [], {}
    now = timezone.now()
    for pid, mark in marks.items():
        e = enrolments[pid]
        row = existing.get(e.pk)
        if row is None:
            new.append(
                DayAttendance(
                    day=day,
                    enrolment=e,
                    status=mark.status,
                    reason=mark.reason,
                    method=method,
                    signed_at=now if mark.status in ATTENDED else None,
                )
            )
        elif (row.status, row.reason) != (mark.status, mark.reason):
            before[row.pk] = {"status": row.status, "reason": row.reason, "method": row.method}
            row.status, row.reason, row.method = mark.status, mark.reason, method
            changed.append(row)
    write_rows(
        model=DayAttendance,
        new=new,
        changed=changed,
        before=before,
        fields=["status", "reason", "method"],
        org_id=day.klass.org_id,
        actor=by,
    )
    recount([enrolments[pid].pk for pid in marks])


def checkin_window(day: TrainingDay) -> tuple[dt.datetime, dt.datetime]:
    """When DAY's QR code signs people in: from a while before the day's start to a while
    after its hours end (StudySettings), never beyond the day itself."""
    rules = StudySettings.current()
    midnight = timezone.make_aware(dt.datetime.combine(day.day, dt.time(0)))
    start = timezone.make_aware(dt.datetime.combine(day.day, day.starts_at))
    opens = max(midnight, start - dt.timedelta(minutes=rules.signin_opens_minutes_before))
    end = start + dt.timedelta(hours=float(day.hours), minutes=rules.signin_closes_minutes_after)
    last = timezone.make_aware(dt.datetime.combine(day.day, dt.time(23, 59, 59)))
    return opens, min(end, last)


def checkin_refusal(day: TrainingDay, enrolment: Enrolment | None, now: dt.datetime) -> Refusal | None:
    """Why the holder of ENROLMENT cannot sign in for DAY at NOW (None when they can)."""
    if day.klass.is_cancelled:
        return ClassCancelled()
    if enrolment is None or enrolment.withdrawn_at is not None:
        return CheckinNotEnrolled()
    return window_refusal(day, now)


def window_refusal(day: TrainingDay, now: dt.datetime) -> Refusal | None:
    """Why DAY's code signs nobody in at NOW: another day's code, or outside the day's window."""
    today = timezone.localtime(now).date()
    if today > day.day:
        return CheckinExpired(day=f"{day.day:%Y年%m月%d日}")
    if today < day.day:
        return CheckinWrongDay(day=f"{day.day:%Y年%m月%d日}")
    opens, closes = checkin_window(day)
    if now < opens:
        return CheckinNotOpen(opens=f"{timezone.localtime(opens):%H:%M}")
    if now > closes:
        return CheckinClosed(closes=f"{timezone.localtime(closes):%H:%M}")
    return None


def checkin_problem(day: TrainingDay, enrolment: Enrolment | None, now: dt.datetime) -> str:
    """checkin_refusal's message, for a page ('' when they can sign in)."""
    refusal = checkin_refusal(day, enrolment, now)
    return str(refusal) if refusal is not None else ""


def signin_status(day: TrainingDay, now: dt.datetime) -> str:
    """Present up to the grace period after the day's start, late after it."""
    start = timezone.make_aware(dt.datetime.combine(day.day, day.starts_at))
    grace = dt.timedelta(minutes=StudySettings.current().signin_grace_minutes)
    return Mark.PRESENT if now <= start + grace else Mark.LATE


@transaction.atomic
def checkin(*, day: TrainingDay, person: Member, by: Any, now: dt.datetime | None = None) -> DayAttendance:
    """Sign in by scanning the day's QR code. Signing in twice keeps the first time."""
    now = now or timezone.now()
    enrolment = day.klass.enrolments.filter(person=person).first()
    refusal = checkin_refusal(day, enrolment, now)
    if refusal is not None:
        raise refusal
    assert enrolment is not None  # checkin_refusal refuses a missing enrolment
    row = DayAttendance.objects.filter(day=day, enrolment=enrolment).first()
    if row is not None and row.status in ATTENDED:
        return row
    status = signin_status(day, now)
    if row is None:
        try:
            with transaction.atomic():
                row = DayAttendance.objects.create(
                    day=day, enrolment=enrolment, status=status, method=SignInMethod.QR, signed_at=now
                )
        except IntegrityError:  # the same phone scanned twice at once: the first one stands
            return DayAttendance.objects.get(day=day, enrolment=enrolment)
    else:  # marked excused or absent beforehand, and came after all
        row.status, row.reason, row.method, row.signed_at = status, "", SignInMethod.QR, now
        row.save(update_fields=["status", "reason", "method", "signed_at"])
    recount([enrolment.pk])
    return row
