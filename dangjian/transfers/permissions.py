"""Who may do what with transfers (read by views, the menu and templates).

The committee's staff issue letters out of the committee, record their receipts and receive
letters in; organization administrators read their subtree's letters, place members received
into their branches and keep their members in flow (流动党员).
"""

from __future__ import annotations

from typing import Any

from dangjian.accounts.models import Role
from dangjian.core import scoping
from dangjian.orgs.models import Organization


def sees_transfers(user: Any) -> bool:
    """Committee staff and organization administrators (the menu entries and the list pages)."""
    return scoping.can_see_orgs(user)


def runs_letters(user: Any) -> bool:
    """Committee staff: they issue and receive the letters."""
    return scoping.is_committee_staff(user)


def runs_letters_for(user: Any, org: Organization) -> bool:
    """Committee staff over ORG's committee."""
    return scoping.holds_over(user, org, roles=(Role.COMMITTEE_STAFF,))


def manages(user: Any, org: Organization) -> bool:
    """Administrators of ORG's subtree (and committee staff): placing members, members in flow."""
    return scoping.can_manage_org(user, org)
