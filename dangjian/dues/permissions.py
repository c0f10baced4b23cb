"""Who may do what with party dues (read by views, the menu and templates alike).

- Committee staff and organization administrators keep the dues of their subtrees
  (ledgers, bases, payments, remittances) and appoint dues keepers (收缴员).
- A dues keeper (DuesKeeper, kept in this app, not a role) does the same for the
  organization they keep and its subtree.
- Personal bases are shown only to the keeper of the member's organization, the
  member themself and committee staff, and masked ("****") for everyone else
  (an organization administrator included); showing them is audited.
"""

from __future__ import annotations

from typing import Any

from dangjian.accounts.models import Role
from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from .models import DuesKeeper, KeeperStatus

MASK = "****"


def keeper_paths(user: Any) -> list[str]:
    """The roots of the subtrees USER keeps the dues of, cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_dues_keeper_paths", None)
    if cached is None:
        cached = tree.minimal_paths(
            DuesKeeper.objects.filter(user=user, status=KeeperStatus.ACTIVE).values_list("org__path", flat=True)
        )
        user._dues_keeper_paths = cached
    return list(cached)


def dues_paths(user: Any) -> list[str]:
    """The subtrees whose dues USER keeps: where they administer, and where they are the keeper."""
    return tree.minimal_paths([*scoping.scope_paths(user), *keeper_paths(user)])


def uses_dues(user: Any) -> bool:
    return bool(dues_paths(user))


def has_own_record(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "person_id", None))


def can_keep(user: Any, org: Organization) -> bool:
    """Record bases, payments and remittances of ORG."""
    return tree.is_within(org.path, dues_paths(user))


def can_appoint_keeper(user: Any, org: Organization) -> bool:
    return scoping.can_manage_org(user, org)


def can_see_bases(user: Any, org: Organization) -> bool:
    """See the bases of ORG's people: committee staff over it, or its dues keeper."""
    return scoping.holds_over(user, org, roles=(Role.COMMITTEE_STAFF,)) or tree.is_within(org.path, keeper_paths(user))


def can_see_base_of(user: Any, member: Member, org: Organization) -> bool:
    """See MEMBER's base declared in ORG: themself, or whoever sees ORG's bases."""
    return getattr(user, "person_id", None) == member.pk or can_see_bases(user, org)
