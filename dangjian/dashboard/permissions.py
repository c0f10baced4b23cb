"""Who may do what with the dashboard (read by views, the menu and templates alike).

Committee staff and organization administrators see the dashboard of their subtrees.
Display links (大屏链接) show a subtree without a login, so only committee staff make,
list and revoke them, for organizations of their own committee.
"""

from __future__ import annotations

from typing import Any

from dangjian.accounts.models import Role
from dangjian.core import scoping
from dangjian.orgs.models import Organization

STAFF = (Role.COMMITTEE_STAFF,)


def sees_dashboard(user: Any) -> bool:
    return scoping.can_see_orgs(user)


def manages_screens(user: Any) -> bool:
    """The display links page: committee staff."""
    return scoping.is_committee_staff(user)


def may_link(user: Any, org: Organization) -> bool:
    """Make or revoke a display link showing ORG's subtree: committee staff over ORG."""
    return scoping.holds_over(user, org, roles=STAFF)
