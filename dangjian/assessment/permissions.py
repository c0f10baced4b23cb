"""Who may do what in the assessment (read by views, the menu and templates alike).

Committee staff (the performance department) manage schemes, scoring and
results of their committee; the named assessors of a scheme (committee staff)
give the committee's marks; organization administrators fill the
self-evaluation of the organizations they manage, see their results and file
objections. Everyone else: a recorded 404.
"""

from __future__ import annotations

from typing import Any

from dangjian.accounts.models import Role
from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization, OrgKind

from .models import Scheme

# What is assessed: every party organization under the committee (not its groups, not itself).
ASSESSED_KINDS = (OrgKind.PARTY_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH)


def uses_assessment(user: Any) -> bool:
    return scoping.can_see_orgs(user)


def is_staff_user(user: Any) -> bool:
    """The menu's check: committee staff somewhere."""
    return scoping.is_committee_staff(user)


def admins_own(user: Any) -> bool:
    """The menu's check for 本组织考核: organization administrators (committee staff use the scheme pages)."""
    return bool(scoping.scope_paths(user, (Role.ORG_ADMIN,))) and not scoping.is_committee_staff(user)


def manages(user: Any, committee: Organization) -> bool:
    return scoping.holds_over(user, committee, roles=(Role.COMMITTEE_STAFF,))


def manages_scheme(user: Any, scheme: Scheme) -> bool:
    return manages(user, scheme.committee)


def is_assessor(user: Any, scheme: Scheme) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and scheme.assessors.filter(pk=user.pk).exists()


def can_self_evaluate(user: Any, org: Organization) -> bool:
    """Self-evaluations and objections are the organization's own: its administrators (above it) file them."""
    return scoping.holds_over(user, org, roles=(Role.ORG_ADMIN,))


def committee_of(org: Organization) -> Organization:
    if org.depth == 1:
        return org
    return Organization.objects.get(path=tree.ancestor_paths(org.path)[0])


def committees_of(user: Any) -> list[Organization]:
    roots = {tree.ancestor_paths(p)[0] for p in scoping.scope_paths(user)}
    return list(Organization.objects.filter(path__in=sorted(roots)).order_by("path"))
