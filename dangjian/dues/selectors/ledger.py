"""Ledgers: what an organization's subtree should collect and did collect, by month and by organization,
aggregated in the database (a committee's year at city scale is a handful of grouped queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization
from dangjian.orgs.selectors import roll_up

from ..models import DuesBase, ExtraPayment, MonthTotal, Payment, PaymentStatus, Remittance, RemittanceStatus

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
MONTHS = tuple(range(1, 13))


def cents(value: Decimal | None) -> Decimal:
    """A database sum as yuan with two places (SQLite's sums of decimals carry more digits)."""
    return ZERO if value is None else Decimal(value).quantize(CENT)


def due_months(year: int, today: dt.date | None = None) -> int:
    """How many months of YEAR are due by TODAY: all 12 of a past year, up to this month of this one."""
    today = today or timezone.localdate()
    if year < today.year:
        return 12
    if year > today.year:
        return 0
    return today.month


def _subtree_ids(org: Organization) -> QuerySet[Organization, dict[str, Any]]:
    """The ids of ORG's subtree, as a subquery: rows are then filtered by their organization id
    (the indexes cover the sums) rather than through a join on the organizations' paths."""
    return scoping.in_subtree(Organization.objects.all(), org, "").values("id")


def bases_in(org: Organization, year: int) -> QuerySet[DuesBase]:
    """dues.expected's records: the bases declared for YEAR in ORG's subtree."""
    return DuesBase.objects.filter(year=year, org_id__in=_subtree_ids(org))


def payments_in(org: Organization, year: int) -> QuerySet[Payment]:
    """dues.collected's records: the dues paid (not voided) for months of YEAR in ORG's subtree."""
    return Payment.objects.filter(year=year, status=PaymentStatus.PAID, org_id__in=_subtree_ids(org))


def totals_in(org: Organization, year: int) -> QuerySet[MonthTotal]:
    """The monthly totals of the dues collected in ORG's subtree (one per organization and month,
    kept with the payments by services.totals): what the ledgers add up instead of every payment."""
    return MonthTotal.objects.filter(year=year, org_id__in=_subtree_ids(org))


def extras_in(org: Organization, year: int) -> QuerySet[ExtraPayment]:
    return ExtraPayment.objects.filter(year=year, org_id__in=_subtree_ids(org))


def expected_total(org: Organization, year: int) -> Decimal:
    """The year's dues of every base declared in ORG's subtree: 12 × the monthly dues."""
    return cents(bases_in(org, year).aggregate(s=Sum("monthly_dues"))["s"]) * 12


def collected_total(org: Organization, year: int) -> Decimal:
    return cents(totals_in(org, year).aggregate(s=Sum("collected"))["s"])


@dataclass
class MonthLine:
    month: int
    expected: Decimal
    collected: Decimal
    extra: Decimal

    @property
    def outstanding(self) -> Decimal:
        return max(self.expected - self.collected, ZERO)


@dataclass
class OrgLine:
    org: Organization
    members: int = 0
    expected: Decimal = ZERO
    collected: Decimal = ZERO
    extra: Decimal = ZERO
    remitted: Decimal = ZERO
    own: bool = False  # the organization's own people, not its subtree's

    @property
    def outstanding(self) -> Decimal:
        return max(self.expected - self.collected, ZERO)


@dataclass
class Ledger:
    org: Organization
    year: int
    months: list[MonthLine]
    orgs: list[OrgLine]
    members: int
    remittances: list[Remittance] = field(default_factory=list)

    @property
    def expected(self) -> Decimal:
        return sum((m.expected for m in self.months), ZERO)

    @property
    def collected(self) -> Decimal:
        return sum((m.collected for m in self.months), ZERO)

    @property
    def extra(self) -> Decimal:
        return sum((m.extra for m in self.months), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return max(self.expected - self.collected, ZERO)

    @property
    def remitted(self) -> Decimal:
        return sum((r.amount for r in self.remittances if r.status != RemittanceStatus.CANCELLED), ZERO)


def _by_org(qs: QuerySet, value: str) -> dict[int, Decimal]:  # type: ignore[type-arg]
    return {row["org_id"]: cents(row["s"]) for row in qs.values("org_id").annotate(s=Sum(value)).order_by()}


def ledger(org: Organization, year: int) -> Ledger:
    """ORG's subtree for YEAR: each month's expected, collected and extra; each organization one level down.

    One grouped query per table (by organization, and month where there is one); what was
    collected comes from the monthly totals (MonthTotal), summed by month and by organization in
    the database, so a committee's year is a few hundred rows whatever the number of payments.
    """
    subtree = list(scoping.in_subtree(Organization.objects.all(), org, "").values_list("id", "path", "depth"))
    children = list(Organization.objects.filter(tree.child_q(org.path)).exclude(kind="group").order_by("path"))
    lines = {org.pk: OrgLine(org=org, own=True)}
    by_child_path = {}
    for c in children:
        lines[c.pk] = by_child_path[c.path] = OrgLine(org=c)
    cut = len(org.path) + tree.STEP
    line_of = {pk: by_child_path.get(path[:cut], lines[org.pk]) for pk, path, _ in subtree}

    bases = bases_in(org, year)
    monthly_total, members = ZERO, 0
    for r in bases.values("org_id").annotate(s=Sum("monthly_dues"), n=Count("id")).order_by():
        line = line_of.get(r["org_id"], lines[org.pk])
        monthly = cents(r["s"])
        monthly_total += monthly
        members += r["n"]
        line.expected += monthly * 12
        line.members += r["n"]
    by_month = dict.fromkeys(MONTHS, ZERO)
    totals = totals_in(org, year)
    for month, total in totals.values("month").annotate(s=Sum("collected")).order_by().values_list("month", "s"):
        by_month[month] = cents(total)
    for org_id, total in totals.values("org_id").annotate(s=Sum("collected")).order_by().values_list("org_id", "s"):
        line_of.get(org_id, lines[org.pk]).collected += cents(total)
    extra_by_month = dict.fromkeys(MONTHS, ZERO)
    extras = extras_in(org, year).annotate(m=ExtractMonth("paid_on")).values("org_id", "m")
    for e in extras.annotate(s=Sum("amount")).order_by():
        amount = cents(e["s"])
        extra_by_month[e["m"]] += amount
        line_of.get(e["org_id"], lines[org.pk]).extra += amount
    remitted = scoping.in_subtree(Remittance.objects.filter(year=year), org).exclude(status=RemittanceStatus.CANCELLED)
    for org_id, amount in _by_org(remitted, "amount").items():
        line_of.get(org_id, lines[org.pk]).remitted += amount
    months = [MonthLine(m, monthly_total, by_month[m], extra_by_month[m]) for m in MONTHS]
    own = lines.pop(org.pk)
    org_lines = [lines[c.pk] for c in children]
    if own.members or own.collected or own.extra or own.remitted:
        org_lines.insert(0, own)
    own_remittances = list(Remittance.objects.filter(org=org, year=year).order_by("first_month", "id"))
    return Ledger(org=org, year=year, months=months, orgs=org_lines, members=members, remittances=own_remittances)


def expected_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, float]:
    """dues.expected of each of ORGS (each for its own subtree) with one grouped query."""
    return _per_org(orgs, DuesBase.objects.filter(year=year), "monthly_dues", 12)


def collected_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, float]:
    return _per_org(orgs, MonthTotal.objects.filter(year=year), "collected", 1)


def _per_org(orgs: Sequence[Organization], qs: QuerySet, value: str, times: int) -> Mapping[int, float]:  # type: ignore[type-arg]
    paths = [o.path for o in orgs]
    if not paths:
        return {}
    rows = qs.filter(tree.covering_q(paths, "org__path")).values("org__path").annotate(s=Sum(value)).order_by()
    # Each path's sum added to the organizations above it: linear in the rows, however many
    # organizations are asked (a province's hundred committees over 100,000 organizations' sums).
    totals = roll_up(orgs, ((r["org__path"], cents(r["s"])) for r in rows), ZERO)
    return {pk: float(s * times) for pk, s in totals.items()}
