"""Who may do what with activity rooms (read by views, the menu and templates alike).

Committee staff and organization administrators see the rooms of their
subtrees, register and inspect them; only committee staff change the checklist.
"""

from __future__ import annotations

from typing import Any

from dangjian.accounts.models import Role
from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization

from .models import Room


def uses_rooms(user: Any) -> bool:
    return scoping.can_see_orgs(user)


def can_manage_room(user: Any, room: Room) -> bool:
    """Change the room's record, inspect it and set rectification tasks."""
    return scoping.can_manage_org(user, room.org)


def can_edit_checklist(user: Any, committee: Organization) -> bool:
    return scoping.holds_over(user, committee, roles=(Role.COMMITTEE_STAFF,))


def committee_of(org: Organization) -> Organization:
    """The committee at the root of ORG's tree."""
    if org.depth == 1:
        return org
    return Organization.objects.get(path=tree.ancestor_paths(org.path)[0])


def committees_of(user: Any) -> list[Organization]:
    """The committees above the subtrees USER oversees (the checklists they work with)."""
    roots = {tree.ancestor_paths(p)[0] for p in scoping.scope_paths(user)}
    return list(Organization.objects.filter(path__in=sorted(roots)).order_by("path"))
