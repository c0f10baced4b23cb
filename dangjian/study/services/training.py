"""Writes of training classes: the class and its days, enrolment within capacity (sign-in: signin.py).

Capacity is kept by one conditional UPDATE (`enrolled = enrolled + n WHERE
enrolled + n <= capacity`): two people taking the last place at the same time
cannot both succeed, on SQLite (IMMEDIATE transactions serialize writers) as
on PostgreSQL (the UPDATE re-checks the row it locks). The table's check
constraint is the backstop.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from dangjian.core import tree
from dangjian.core.errors import Refusal, combine
from dangjian.orgs.models import Organization
from dangjian.people.models import Member, Status

from ..errors import (
    AllAlreadyEnrolled,
    AlreadyEnrolled,
    AlreadyWithdrawn,
    BadClass,
    ClassCancelled,
    ClassEnded,
    ClassFull,
    FewPlacesLeft,
    NoSelfSignup,
    NotInAudience,
    SignupClosed,
    WithdrawAfterEnd,
)
from ..models import (
    Audience,
    ClassStatus,
    Enrolment,
    EnrolMethod,
    TrainingClass,
    TrainingDay,
)
from ..selectors.people import PARTY
from .marks import write_rows

MAX_DAYS = 60
DEFAULT_START = dt.time(9, 0)


def new_token() -> str:
    return secrets.token_urlsafe(18)


def split_hours(total: Decimal, days: int) -> list[Decimal]:
    """TOTAL hours over DAYS days in half hours, the remainder on the first days (e.g. 7 → 2.5, 2.5, 2)."""
    halves = int((total * 2).to_integral_value(ROUND_HALF_UP))
    base, rest = divmod(halves, days)
    return [Decimal(base + (1 if i < rest else 0)) / 2 for i in range(days)]


@transaction.atomic
def class_create(
    *,
    org: Organization,
    title: str,
    venue_kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    hours: Decimal,
    by: Any,
    audience: str = Audience.MEMBERS,
    venue: str = "",
    capacity: int | None = None,
    self_signup: bool = False,
    signup_closes_on: dt.date | None = None,
    description: str = "",
    day_dates: Sequence[dt.date] | None = None,
    starts_at: dt.time = DEFAULT_START,
) -> TrainingClass:
    """A class with one sign-in day for each of DAY_DATES (every date from start to end by default)."""
    title = title.strip()
    problems: list[ValidationError] = []
    if not title:
        problems.append(BadClass("请填写培训班名称", field="title"))
    if ends_on < starts_on:
        problems.append(BadClass("结业日期不能早于开班日期", field="ends_on"))
    elif (ends_on - starts_on).days >= MAX_DAYS:
        problems.append(BadClass(f"培训班最长{MAX_DAYS}天", field="ends_on"))
    if hours <= 0:
        problems.append(BadClass("总学时应大于0", field="hours"))
    if capacity is not None and capacity < 1:
        problems.append(BadClass("名额至少为1，不限名额请留空", field="capacity"))
    if audience not in Audience.values:
        problems.append(BadClass("培训对象无效", field="audience"))
    if signup_closes_on and signup_closes_on > ends_on:
        problems.append(BadClass("报名截止日期不能晚于结业日期", field="signup_closes_on"))
    error = combine(problems)
    if error is not None:
        raise error
    if day_dates is None:
        day_dates = [starts_on + dt.timedelta(days=i) for i in range((ends_on - starts_on).days + 1)]
    dates = sorted(set(day_dates))
    if not dates or dates[0] < starts_on or dates[-1] > ends_on:
        raise BadClass("培训日期应在开班和结业日期之间", field="ends_on")
    klass = TrainingClass.objects.create(
        org=org,
        title=title,
        audience=audience,
        venue_kind=venue_kind,
        venue=venue.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        hours=hours,
        capacity=capacity,
        self_signup=self_signup,
        signup_closes_on=signup_closes_on,
        description=description.strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    for day, share in zip(dates, split_hours(hours, len(dates)), strict=True):
        TrainingDay.objects.create(klass=klass, day=day, starts_at=starts_at, hours=share, token=new_token())
    return klass


@transaction.atomic
def class_cancel(*, klass: TrainingClass, by: Any, now: dt.datetime | None = None) -> TrainingClass:
    """Call the class off: scheduled → cancelled. Enrolments and marks stay, for the record."""
    locked = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    if locked.is_cancelled:
        raise ClassCancelled()
    locked.status = ClassStatus.CANCELLED
    locked.cancelled_at = now or timezone.now()
    locked.save(update_fields=["status", "cancelled_at"])
    klass.status, klass.cancelled_at = locked.status, locked.cancelled_at
    return locked


# ---------------------------------------------------------------- enrolment


def _take_places(klass: TrainingClass, n: int) -> None:
    """Reserve N places or refuse: the one statement that guards capacity."""
    if n <= 0:
        return
    room = Q(capacity__isnull=True) | Q(enrolled__lte=F("capacity") - n)
    open_ = ~Q(status=ClassStatus.CANCELLED)  # a cancel committed while this waited wins
    if not TrainingClass.objects.filter(room, open_, pk=klass.pk).update(enrolled=F("enrolled") + n):
        if TrainingClass.objects.filter(pk=klass.pk, status=ClassStatus.CANCELLED).exists():
            raise ClassCancelled("该培训班已取消，不能报名。")
        left = TrainingClass.objects.filter(pk=klass.pk).values_list("capacity", "enrolled").first()
        free = max(0, left[0] - left[1]) if left and left[0] is not None else 0
        if n == 1:
            raise ClassFull()
        raise FewPlacesLeft(free=free, wanted=n)
    klass.refresh_from_db(fields=["enrolled"])


@transaction.atomic
def enrol(
    *,
    klass: TrainingClass,
    people: Sequence[Member],
    by: Any,
    method: str = EnrolMethod.ADMIN,
    on: dt.date | None = None,
) -> list[Enrolment]:
    """Enrol PEOPLE (those already on the class are skipped), all or none within the places left."""
    if klass.is_cancelled:
        raise ClassCancelled("该培训班已取消，不能报名。")
    on = on or timezone.localdate()
    if on > klass.ends_on and method != EnrolMethod.IMPORT:
        raise ClassEnded()
    current = {e.person_id: e for e in klass.enrolments.all()}
    fresh = [p for p in {p.pk: p for p in people}.values() if p.pk not in current]
    back = [current[p.pk] for p in people if p.pk in current and current[p.pk].withdrawn_at is not None]
    if not fresh and not back:
        raise AllAlreadyEnrolled()
    _take_places(klass, len(fresh) + len(back))
    actor = by if getattr(by, "is_authenticated", False) else None
    rows = [Enrolment(klass=klass, person=p, enrolled_on=on, method=method, enrolled_by=actor) for p in fresh]
    before = {e.pk: {"withdrawn_at": e.withdrawn_at, "enrolled_on": e.enrolled_on} for e in back}
    for e in back:
        # Back after withdrawing: the days missed meanwhile are not held against them.
        e.withdrawn_at, e.enrolled_on = None, max(on, e.enrolled_on)
    write_rows(
        model=Enrolment,
        new=rows,
        changed=back,
        before=before,
        fields=["withdrawn_at", "enrolled_on"],
        org_id=klass.org_id,
        actor=by,
    )
    return rows + back


def eligible(klass: TrainingClass, person: Member) -> bool:
    """Whether PERSON may sign up for KLASS themself: in its organization's subtree, and of its audience."""
    if not tree.is_within(person.org.path, [klass.org.path]):
        return False
    if klass.audience == Audience.MEMBERS or klass.audience == Audience.PARTY_CADRES:
        return person.status in PARTY
    if klass.audience == Audience.ACTIVISTS:
        return person.status == Status.ACTIVIST
    return person.status == Status.NON_PARTY


def signup_refusal(klass: TrainingClass, person: Member, today: dt.date) -> Refusal | None:
    """Why PERSON cannot sign up for KLASS today (None when they can)."""
    if klass.is_cancelled:
        return ClassCancelled()
    if not klass.self_signup:
        return NoSelfSignup()
    closes = klass.signup_closes_on or klass.ends_on
    if today > closes:
        return SignupClosed()
    if not eligible(klass, person):
        return NotInAudience(audience=klass.get_audience_display())
    if klass.is_full:
        return ClassFull("名额已满。")
    return None


def signup_problem(klass: TrainingClass, person: Member, today: dt.date) -> str:
    """signup_refusal's message, for a page ('' when PERSON can sign up)."""
    refusal = signup_refusal(klass, person, today)
    return str(refusal) if refusal is not None else ""


@transaction.atomic
def signup(*, klass: TrainingClass, person: Member, by: Any, today: dt.date | None = None) -> Enrolment:
    """A member signs themself up."""
    today = today or timezone.localdate()
    existing = klass.enrolments.filter(person=person, withdrawn_at__isnull=True).exists()
    if existing:
        raise AlreadyEnrolled()
    refusal = signup_refusal(klass, person, today)
    if refusal is not None and not isinstance(refusal, ClassFull):  # a full class is refused by the UPDATE itself
        raise refusal
    try:
        with transaction.atomic():  # a double tap racing itself: the unique index answers, the place is given back
            return enrol(klass=klass, people=[person], by=by, method=EnrolMethod.SELF, on=today)[0]
    except IntegrityError:
        raise AlreadyEnrolled() from None


@transaction.atomic
def withdraw(*, enrolment: Enrolment, by: Any, now: dt.datetime | None = None) -> Enrolment:
    """Leave a class (the place is freed); marks already given stay."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.withdrawn_at is not None:
        raise AlreadyWithdrawn()
    if enrolment.klass.ends_on < timezone.localdate():
        raise WithdrawAfterEnd()
    enrolment.withdrawn_at = now or timezone.now()
    enrolment.save(update_fields=["withdrawn_at"])
    TrainingClass.objects.filter(pk=enrolment.klass_id, enrolled__gt=0).update(enrolled=F("enrolled") - 1)
    return enrolment
