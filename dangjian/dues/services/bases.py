"""Declaring a member's base for a year (re-declared every year; a second declaration replaces the first)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.core import tree
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member

from ..errors import BadCategory, BadYear
from ..models import Category, DuesBase
from .rates import clean_base, monthly_dues

MIN_YEAR = 2000


def collecting_org(member: Member) -> Organization:
    """The organization that collects MEMBER's dues: theirs, or the branch above a party group (党小组)."""
    org = member.org
    if org.kind == OrgKind.GROUP:
        parent = Organization.objects.filter(path=tree.parent_path(org.path)).first()
        if parent is not None:
            return parent
    return org


def clean_year(year: Any) -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        raise BadYear(field="year") from None
    if not MIN_YEAR <= value <= timezone.localdate().year + 1:
        raise BadYear(f"年度应在 {MIN_YEAR} 年到明年之间。", field="year")
    return value


def clean_category(category: Any) -> str:
    if category not in Category.values:
        raise BadCategory(field="category")
    return str(category)


def base_values(category: Any, base: Any) -> tuple[str, Decimal, Decimal | None, Decimal]:
    """(category, base, rate, monthly dues) checked; a refusal names the bad field."""
    category = clean_category(category)
    amount = clean_base(base)
    rate, dues = monthly_dues(category, amount)
    return category, amount, rate, dues


@transaction.atomic
def base_declare(*, member: Member, year: int, category: str, base: Any, by: Any = None) -> DuesBase:
    """MEMBER's base for YEAR in the organization collecting their dues now, with the rate and dues it gives."""
    year = clean_year(year)
    category, amount, rate, dues = base_values(category, base)
    found = DuesBase.objects.select_for_update().filter(member=member, year=year).first()
    org = collecting_org(member)
    if found is None:
        return DuesBase.objects.create(
            member=member, org=org, year=year, category=category, base=amount, rate=rate,
            monthly_dues=dues, declared_by=by if getattr(by, "pk", None) else None,
        )  # fmt: skip
    found.category, found.base, found.rate, found.monthly_dues = category, amount, rate, dues
    found.org = org
    found.declared_at = timezone.now()
    found.declared_by = by if getattr(by, "pk", None) else None
    found.save(update_fields=["org", "category", "base", "rate", "monthly_dues", "declared_at", "declared_by"])
    return found
