"""The monthly totals the ledgers read (MonthTotal), kept in step with the payments.

A ledger of a whole committee's year adds up a few thousand (organization, month) totals
instead of summing every one of the year's hundred thousand payments on each page view.
`totals_add` is called by the payment services inside their transaction; `totals_rebuild`
recomputes the totals from the payments (the demo seeder, the migration, the command).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Sum

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..models import MonthTotal, Payment, PaymentStatus


def totals_add(*, org_id: int, year: int, month: int, amount: Decimal, payments: int) -> None:
    """Add AMOUNT and PAYMENTS (negative for a voided payment) to ORG_ID's total of YEAR-MONTH."""
    updated = MonthTotal.objects.filter(org_id=org_id, year=year, month=month).update(
        collected=F("collected") + amount, payments=F("payments") + payments
    )
    if not updated:
        MonthTotal.objects.create(org_id=org_id, year=year, month=month, collected=amount, payments=payments)


@transaction.atomic
def totals_rebuild(year: int | None = None, within: Organization | None = None) -> int:
    """Recompute the totals (of YEAR or every year; of WITHIN's subtree or everywhere) from the paid
    payments; the number of totals written."""
    old = MonthTotal.objects.all()
    paid = Payment.objects.filter(status=PaymentStatus.PAID)
    if year is not None:
        old, paid = old.filter(year=year), paid.filter(year=year)
    if within is not None:
        ids = scoping.in_subtree(Organization.objects.all(), within, "").values("id")
        old, paid = old.filter(org_id__in=ids), paid.filter(org_id__in=ids)
    old.delete()
    rows = paid.values("org_id", "year", "month").annotate(s=Sum("amount"), n=Count("id")).order_by()
    totals = [
        MonthTotal(
            org_id=r["org_id"],
            year=r["year"],
            month=r["month"],
            collected=Decimal(r["s"]).quantize(Decimal("0.01")),
            payments=r["n"],
        )  # fmt: skip
        for r in rows
    ]
    MonthTotal.objects.bulk_create(totals, batch_size=1000)
    return len(totals)
