"""Who may do what with brands (read by views, the menu and templates alike).

Committee staff run the plans, batches, review, selection, re-evaluation and
exchange events of their committee and see every brand under it; an
organization's administrators create, edit and submit the brands of their
subtree and follow them. Reviewers are committee staff named on a batch.
The public showcase and the certificate check are open to anyone.
"""

from __future__ import annotations

from typing import Any

from dangjian.accounts.models import Role
from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization

from .models import Batch, Brand

STAFF = (Role.COMMITTEE_STAFF,)


def uses_brands(user: Any) -> bool:
    return scoping.can_see_orgs(user)


def is_staff(user: Any) -> bool:
    return scoping.is_committee_staff(user)


def runs_committee(user: Any, committee: Organization | int) -> bool:
    """Committee staff over COMMITTEE (an Organization or its id)."""
    org = Organization.objects.get(pk=committee) if isinstance(committee, int) else committee
    return scoping.holds_over(user, org, roles=STAFF)


def can_edit_brand(user: Any, brand: Brand) -> bool:
    return brand.is_editable and scoping.can_manage_org(user, brand.org)


def can_submit_brand(user: Any, brand: Brand) -> bool:
    return can_edit_brand(user, brand)


def can_decide(user: Any, brand: Brand) -> bool:
    """Return, select, recognize, re-evaluate: the committee's staff over the brand's organization."""
    return scoping.holds_over(user, brand.org, roles=STAFF)


def is_reviewer(user: Any, batch: Batch) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and batch.reviewers.filter(user=user).exists()


def committee_of(org: Organization) -> Organization:
    if org.depth == 1:
        return org
    return Organization.objects.get(path=tree.ancestor_paths(org.path)[0])


def committees_of(user: Any) -> list[Organization]:
    """The committees whose brand work USER takes part in (at the roots of their subtrees)."""
    roots = {tree.ancestor_paths(p)[0] for p in scoping.scope_paths(user)}
    return list(Organization.objects.filter(path__in=sorted(roots)).order_by("path"))


def staff_committees(user: Any) -> list[Organization]:
    roots = {tree.ancestor_paths(p)[0] for p in scoping.scope_paths(user, STAFF)}
    return list(Organization.objects.filter(path__in=sorted(roots)).order_by("path"))
