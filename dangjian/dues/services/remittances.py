"""Recording dues handed to the upper level (amount, date, months covered); confirming or cancelling it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.core import tree
from dangjian.orgs.models import Organization

from ..errors import BadMonth, RemittanceOverlap, RemittanceState
from ..models import Remittance, RemittanceStatus
from .bases import clean_year
from .payments import clean_amount, clean_paid_on


def parent_of(org: Organization) -> Organization | None:
    return Organization.objects.filter(path=tree.parent_path(org.path)).first() if org.depth > 1 else None


def _upper_name(org: Organization) -> str:
    parent = parent_of(org)
    return parent.name if parent is not None else "上级党组织"


@transaction.atomic
def remittance_record(
    *,
    org: Organization,
    year: int,
    first_month: Any,
    last_month: Any,
    amount: Any,
    remitted_on: dt.date | None = None,
    to_org_name: str = "",
    note: str = "",
    by: Any = None,
) -> Remittance:
    year = clean_year(year)
    try:
        first, last = int(first_month), int(last_month)
    except (TypeError, ValueError):
        raise BadMonth(field="first_month") from None
    if not 1 <= first <= last <= 12:
        raise BadMonth("月份应为 1 到 12，截止月份不能早于起始月份。", field="last_month")
    value = clean_amount(amount)
    day = clean_paid_on(remitted_on)
    overlapping = (
        Remittance.objects.select_for_update()
        .filter(org=org, year=year, first_month__lte=last, last_month__gte=first)
        .exclude(status=RemittanceStatus.CANCELLED)
    )
    taken = sorted(
        {m for r in overlapping for m in range(r.first_month, r.last_month + 1)} & set(range(first, last + 1))
    )
    if taken:
        raise RemittanceOverlap(field="first_month", org=org.name, year=year, months="、".join(map(str, taken)))
    return Remittance.objects.create(
        org=org, year=year, first_month=first, last_month=last, amount=value, remitted_on=day,
        to_org_name=(to_org_name or "").strip()[:100] or _upper_name(org), note=(note or "").strip()[:200],
        recorded_by=by if getattr(by, "pk", None) else None,
    )  # fmt: skip


@transaction.atomic
def remittance_confirm(*, remittance: Remittance, by: Any = None) -> Remittance:
    """The upper level confirms it received the remittance."""
    remittance = Remittance.objects.select_for_update().get(pk=remittance.pk)
    if remittance.status != RemittanceStatus.REMITTED:
        raise RemittanceState()
    remittance.status = RemittanceStatus.CONFIRMED
    remittance.confirmed_at = timezone.now()
    remittance.save(update_fields=["status", "confirmed_at"])
    return remittance


@transaction.atomic
def remittance_cancel(*, remittance: Remittance, by: Any = None) -> Remittance:
    """Withdraw a remittance recorded by mistake (before the upper level confirmed it)."""
    remittance = Remittance.objects.select_for_update().get(pk=remittance.pk)
    if remittance.status != RemittanceStatus.REMITTED:
        raise RemittanceState()
    remittance.status = RemittanceStatus.CANCELLED
    remittance.cancelled_at = timezone.now()
    remittance.save(update_fields=["status", "cancelled_at"])
    return remittance
