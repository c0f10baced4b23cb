"""A branch's dues sheet for a year (the shape branches hand in) and a member's own dues record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from dangjian.core import tree
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member
from dangjian.people.selectors.for_apps import PARTY_STATUSES

from ..models import DuesBase, ExtraPayment, Payment, PaymentStatus
from .ledger import MONTHS, ZERO, due_months


@dataclass
class SheetLine:
    base: DuesBase
    paid: dict[int, Payment] = field(default_factory=dict)
    due: int = 12

    @property
    def member(self) -> Member:
        return self.base.member

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.paid.values()), ZERO)

    @property
    def unpaid_months(self) -> list[int]:
        return [m for m in MONTHS[: self.due] if m not in self.paid]

    @property
    def cells(self) -> list[Payment | None]:
        return [self.paid.get(m) for m in MONTHS]


@dataclass
class Sheet:
    org: Organization
    year: int
    lines: list[SheetLine]
    undeclared: list[Member]
    extras: list[ExtraPayment]

    @property
    def expected(self) -> Decimal:
        return sum((ln.base.monthly_dues for ln in self.lines), ZERO) * 12

    @property
    def collected(self) -> Decimal:
        return sum((ln.total for ln in self.lines), ZERO)

    @property
    def extra(self) -> Decimal:
        return sum((e.amount for e in self.extras), ZERO)

    @property
    def month_totals(self) -> list[Decimal]:
        return [sum((ln.paid[m].amount for ln in self.lines if m in ln.paid), ZERO) for m in MONTHS]

    @property
    def unpaid_count(self) -> int:
        return sum(1 for ln in self.lines if ln.unpaid_months)


def _paid_by_member(member_ids: list[int], year: int) -> dict[int, dict[int, Payment]]:
    found: dict[int, dict[int, Payment]] = {}
    for p in Payment.objects.filter(member_id__in=member_ids, year=year, status=PaymentStatus.PAID):
        found.setdefault(p.member_id, {})[p.month] = p
    return found


def sheet(org: Organization, year: int, today: dt.date | None = None) -> Sheet:
    """ORG's own people (its party groups' included) with a base for YEAR, their months paid, and its
    party members with no base yet."""
    bases = list(
        DuesBase.objects.filter(org=org, year=year)
        .select_related("member")
        .order_by("member__name_initials", "member_id")
    )
    paid = _paid_by_member([b.member_id for b in bases], year)
    due = due_months(year, today)
    lines = [SheetLine(base=b, paid=paid.get(b.member_id, {}), due=due) for b in bases]
    declared = DuesBase.objects.filter(year=year).values("member_id")
    groups = Organization.objects.filter(tree.child_q(org.path), kind=OrgKind.GROUP).values("pk")
    undeclared = list(
        Member.objects.filter(Q(org=org) | Q(org__in=groups), status__in=PARTY_STATUSES)
        .exclude(pk__in=declared)
        .order_by("name_initials", "id")
    )
    extras = list(ExtraPayment.objects.filter(org=org, year=year).select_related("member").order_by("paid_on", "id"))
    return Sheet(org=org, year=year, lines=lines, undeclared=undeclared, extras=extras)


@dataclass
class MemberYear:
    year: int
    base: DuesBase | None
    paid: dict[int, Payment]
    voided: list[Payment]
    extras: list[ExtraPayment]
    due: int

    @property
    def unpaid_months(self) -> list[int]:
        if self.base is None:
            return []
        return [m for m in MONTHS[: self.due] if m not in self.paid]

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.paid.values()), ZERO)

    @property
    def cells(self) -> list[tuple[int, Payment | None]]:
        return [(m, self.paid.get(m)) for m in MONTHS]


def member_year(member: Member, year: int, today: dt.date | None = None) -> MemberYear:
    base = DuesBase.objects.filter(member=member, year=year).select_related("org").first()
    payments = list(Payment.objects.filter(member=member, year=year).order_by("month", "id"))
    return MemberYear(
        year=year,
        base=base,
        paid={p.month: p for p in payments if p.status == PaymentStatus.PAID},
        voided=[p for p in payments if p.status == PaymentStatus.VOIDED],
        extras=list(ExtraPayment.objects.filter(member=member, year=year).order_by("paid_on", "id")),
        due=due_months(year, today),
    )


def years_of(member: Member) -> QuerySet[DuesBase]:
    return DuesBase.objects.filter(member=member).order_by("-year")
