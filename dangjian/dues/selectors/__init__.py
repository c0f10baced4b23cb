"""Reads of the dues module, always scoped to what the user may keep or see."""

from .ledger import (
    Ledger,
    bases_in,
    collected_per_org,
    collected_total,
    due_months,
    expected_per_org,
    expected_total,
    extras_in,
    ledger,
    payments_in,
    totals_in,
)
from .lists import dues_members, dues_orgs, keeper_candidates, keepers_in, visible_payments, visible_remittances
from .sheets import MemberYear, Sheet, member_year, sheet, years_of

__all__ = [
    "Ledger",
    "MemberYear",
    "Sheet",
    "bases_in",
    "collected_per_org",
    "collected_total",
    "due_months",
    "dues_members",
    "dues_orgs",
    "expected_per_org",
    "expected_total",
    "extras_in",
    "keeper_candidates",
    "keepers_in",
    "ledger",
    "member_year",
    "payments_in",
    "totals_in",
    "sheet",
    "visible_payments",
    "visible_remittances",
    "years_of",
]
