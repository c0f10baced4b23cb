"""What a user may reach in the dues module: organizations, people, payments, remittances, keepers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dangjian.accounts.models import User
from dangjian.core import tree
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from ..models import DuesKeeper, Payment, Remittance
from ..permissions import dues_paths


def dues_orgs(user: Any) -> QuerySet[Organization]:
    """The organizations whose dues USER keeps (their subtrees), party groups aside."""
    paths = dues_paths(user)
    if not paths:
        return Organization.objects.none()
    return Organization.objects.filter(tree.subtree_q(paths)).exclude(kind="group")


def dues_members(user: Any) -> QuerySet[Member]:
    paths = dues_paths(user)
    if not paths:
        return Member.objects.none()
    return Member.objects.filter(tree.subtree_q(paths, "org__path"))


def visible_payments(user: Any) -> QuerySet[Payment]:
    paths = dues_paths(user)
    if not paths:
        return Payment.objects.none()
    return Payment.objects.filter(tree.subtree_q(paths, "org__path"))


def visible_remittances(user: Any) -> QuerySet[Remittance]:
    paths = dues_paths(user)
    if not paths:
        return Remittance.objects.none()
    return Remittance.objects.filter(tree.subtree_q(paths, "org__path"))


def keepers_in(user: Any) -> QuerySet[DuesKeeper]:
    """The keepers appointed in the subtrees whose dues USER keeps."""
    paths = dues_paths(user)
    if not paths:
        return DuesKeeper.objects.none()
    return DuesKeeper.objects.filter(tree.subtree_q(paths, "org__path")).select_related("org", "user")


def keeper_candidates(org: Organization) -> QuerySet[User]:
    """Accounts of ORG's people (a keeper is usually a member of the branch) that are active."""
    return User.objects.filter(is_active=True, person__org=org).order_by("username")
