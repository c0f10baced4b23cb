"""Who may do what with liaison points and mobile lectures (read by views, the menu and templates).

The committee runs both: its staff pair cadres, log visits, close follow-ups,
schedule and confirm lectures. An organization's administrators read what
concerns their subtree and file requests for a lecture topic (点单).
"""

from __future__ import annotations

from typing import Any

from dangjian.accounts.models import Role
from dangjian.core import scoping
from dangjian.orgs.models import Organization


def sees_liaison(user: Any) -> bool:
    """Committee staff and organization administrators (the menu entries and the list pages)."""
    return scoping.can_see_orgs(user)


def runs_liaison(user: Any) -> bool:
    """Committee staff: the writers of this app."""
    return scoping.is_committee_staff(user)


def runs_for(user: Any, org: Organization) -> bool:
    """Committee staff over ORG's committee."""
    return scoping.holds_over(user, org, roles=(Role.COMMITTEE_STAFF,))


def may_request_for(user: Any, org: Organization) -> bool:
    """File a lecture request in ORG's name: its administrators (and committee staff, on its behalf)."""
    return scoping.can_manage_org(user, org)
