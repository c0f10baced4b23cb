"""Who may do what with admission cases (read by views, the menu and templates).

Committee staff and organization administrators see the cases of their subtrees
and keep them (a branch's secretary or organization committee member holds
org_admin at the branch); members and outsiders see nothing of the pipeline.
"""

from __future__ import annotations

from typing import Any

from dangjian.core import scoping
from dangjian.orgs.models import Organization


def sees_admission(user: Any) -> bool:
    """Committee staff and organization administrators (the menu entry and the pages)."""
    return scoping.can_see_orgs(user)


def keeps_cases_of(user: Any, org: Organization) -> bool:
    """Receive applications and record steps in ORG's name."""
    return scoping.can_manage_org(user, org)
