"""Recording monthly dues (one or several months at once), voiding a mistaken record, voluntary extras."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from dangjian.people.models import Member

from ..errors import (
    AlreadyVoided,
    BadAmount,
    BadMethod,
    BadMonth,
    FutureDate,
    MonthPaid,
    MonthRepeated,
    NoBase,
    ReasonMissing,
    WrongAmount,
)
from ..models import DuesBase, ExtraPayment, Payment, PaymentStatus, PayMethod
from .bases import clean_year, collecting_org
from .rates import to_money
from .totals import totals_add


def _user(by: Any) -> Any:
    return by if getattr(by, "pk", None) else None


def clean_amount(value: Any) -> Decimal:
    try:
        amount = to_money(value)
    except (InvalidOperation, ValueError):
        raise BadAmount(field="amount") from None
    if amount <= 0:
        raise BadAmount(field="amount")
    return amount


def clean_method(method: Any) -> str:
    if method not in PayMethod.values:
        raise BadMethod(field="method")
    return str(method)


def clean_paid_on(day: dt.date | None) -> dt.date:
    day = day or timezone.localdate()
    if day > timezone.localdate():
        raise FutureDate(field="paid_on")
    return day


def clean_months(months: Sequence[Any]) -> list[int]:
    found: list[int] = []
    for m in months:
        try:
            month = int(m)
        except (TypeError, ValueError):
            raise BadMonth(field="months") from None
        if not 1 <= month <= 12:
            raise BadMonth(field="months")
        if month in found:
            raise MonthRepeated(field="months")
        found.append(month)
    if not found:
        raise BadMonth("请选择缴纳的月份。", field="months")
    return sorted(found)


@transaction.atomic
def payment_record(
    *,
    member: Member,
    year: int,
    months: Sequence[Any],
    amount: Any = None,
    method: str,
    paid_on: dt.date | None = None,
    by: Any = None,
) -> list[Payment]:
    """MEMBER's dues for MONTHS of YEAR: one record per month, each of the year's monthly dues.

    AMOUNT, when given, is what was handed over and must equal the dues of the
    months (anything above is a voluntary extra, recorded apart). A month already
    paid refuses the whole.
    """
    year = clean_year(year)
    months = clean_months(months)
    method = clean_method(method)
    paid_on = clean_paid_on(paid_on)
    base = DuesBase.objects.select_for_update().filter(member=member, year=year).first()
    if base is None:
        raise NoBase(name=member.name, year=year)
    expected = base.monthly_dues * len(months)
    if amount is not None and str(amount).strip() != "":
        given = clean_amount(amount)
        if given != expected:
            raise WrongAmount(
                field="amount", amount=given, dues=base.monthly_dues, months=len(months), expected=expected
            )
    paid = sorted(
        Payment.objects.filter(member=member, year=year, month__in=months, status=PaymentStatus.PAID).values_list(
            "month", flat=True
        )
    )
    if paid:
        raise MonthPaid(field="months", name=member.name, year=year, month="、".join(map(str, paid)))
    now = timezone.now()
    try:
        with transaction.atomic():
            created = [
                Payment.objects.create(
                    member=member,
                    org_id=base.org_id,
                    year=year,
                    month=m,
                    amount=base.monthly_dues,
                    method=method,
                    paid_on=paid_on,
                    paid_at=now,
                    recorded_by=_user(by),
                )  # fmt: skip
                for m in months
            ]
            for m in months:
                totals_add(org_id=base.org_id, year=year, month=m, amount=base.monthly_dues, payments=1)
            return created
    except IntegrityError:  # recorded at the same moment by someone else
        raise MonthPaid(field="months", name=member.name, year=year, month="、".join(map(str, months))) from None


@transaction.atomic
def payment_void(*, payment: Payment, reason: str, by: Any = None) -> Payment:
    """Void a record made by mistake (the month is unpaid again); the record stays, marked 已作废."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != PaymentStatus.PAID:
        raise AlreadyVoided()
    reason = (reason or "").strip()
    if not reason:
        raise ReasonMissing(field="reason")
    payment.status = PaymentStatus.VOIDED
    payment.voided_at = timezone.now()
    payment.void_reason = reason[:200]
    payment.save(update_fields=["status", "voided_at", "void_reason"])
    totals_add(org_id=payment.org_id, year=payment.year, month=payment.month, amount=-payment.amount, payments=-1)
    return payment


@transaction.atomic
def extra_record(
    *, member: Member, amount: Any, method: str, paid_on: dt.date | None = None, note: str = "", by: Any = None
) -> ExtraPayment:
    """A voluntary payment above the dues (自愿多交), counted apart from the dues."""
    value = clean_amount(amount)
    method = clean_method(method)
    paid_on = clean_paid_on(paid_on)
    return ExtraPayment.objects.create(
        member=member, org=collecting_org(member), year=paid_on.year, amount=value, method=method, paid_on=paid_on,
        note=(note or "").strip()[:200], recorded_by=_user(by),
    )  # fmt: skip
