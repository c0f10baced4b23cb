"""Who may do what with annual reports (read by views, the menu and templates).

Committee staff, and organization administrators for their own subtree, draft, edit, freeze
and reopen a report of an organization they oversee. Sending it to the publicity workflow
needs a user who may write articles there for that organization (publicity's own rule).
"""

from __future__ import annotations

from typing import Any

from dangjian.core import scoping
from dangjian.orgs.models import Organization
from dangjian.publicity import permissions as publicity_permissions


def sees_reports(user: Any) -> bool:
    """Committee staff and organization administrators (the menu entry and the list page)."""
    return scoping.can_see_orgs(user)


def may_draft(user: Any, org: Organization) -> bool:
    """Draft, edit, freeze and reopen the report of ORG's subtree."""
    return scoping.can_manage_org(user, org)


def may_send(user: Any, org: Organization) -> bool:
    """Send ORG's frozen report to the publicity workflow: a writer of articles for ORG."""
    return may_draft(user, org) and publicity_permissions.can_write(user, org)
