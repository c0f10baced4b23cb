"""Reads for account and role pages, scoped by the subtrees the viewer holds.

The organization paths come from `core.scoping` (`scope_paths` with the roles
that matter here); the queries only turn them into prefix matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from . import permissions
from .models import CredentialIssue, RoleAssignment, User

if TYPE_CHECKING:
    from django.http import HttpRequest

CANDIDATE_LIMIT = 30


def _under(paths: list[str], field: str) -> Q:
    return tree.subtree_q(paths, field)


def _accounts_under(paths: list[str], *, with_unplaced: bool) -> QuerySet[User]:
    """Accounts whose person or one of whose roles lies in PATHS (plus, for a sysadmin, those tied to neither)."""
    if not paths:
        return User.objects.none()
    roles_here = RoleAssignment.objects.filter(_under(paths, "org__path"), user=OuterRef("pk"))
    q = _under(paths, "person__org__path") | Q(Exists(roles_here))
    if with_unplaced:
        any_role = RoleAssignment.objects.filter(user=OuterRef("pk"))
        q |= Q(person__isnull=True) & ~Q(Exists(any_role))
    return User.objects.filter(q)


def managed_accounts(user: Any) -> QuerySet[User]:
    """The accounts a system administrator manages (their subtrees, and accounts not placed anywhere yet)."""
    return _accounts_under(permissions.sysadmin_paths(user), with_unplaced=True)


def grantable_accounts(user: Any) -> QuerySet[User]:
    """Accounts USER may give roles to: those of their granting subtrees."""
    paths = permissions.granting_paths(user)
    return _accounts_under(paths, with_unplaced=scoping.is_committee_staff(user) or permissions.is_secadmin(user))


def grantable_account_matches(user: Any, q: str, limit: int = CANDIDATE_LIMIT) -> list[User]:
    """Accounts USER may give a role to whose name, username or name initials match Q (the grant form's picker)."""
    q = q.strip()[:50]
    if not q:
        return []
    matches = grantable_accounts(user).filter(
        Q(display_name__icontains=q)
        | Q(person__name__icontains=q)
        | Q(username__istartswith=q)
        | Q(person__name_initials__istartswith=q.lower())
    )
    return list(matches.select_related("person", "person__org").order_by("display_name", "username")[:limit])


def account_for_sysadmin(*, request: HttpRequest, pk: Any) -> User:
    return scoping.get_visible_or_404(request, managed_accounts(request.user), pk=pk)


@dataclass(frozen=True)
class AccountFilters:
    q: str = ""
    role: str = ""

    @classmethod
    def from_params(cls, params: Any) -> AccountFilters:
        return cls(q=str(params.get("q") or "").strip()[:50], role=str(params.get("role") or "").strip()[:32])


def accounts_for_list(user: Any, filters: AccountFilters) -> QuerySet[User]:
    accounts = managed_accounts(user).select_related("person", "person__org")
    if filters.q:
        accounts = accounts.filter(
            Q(username__icontains=filters.q)
            | Q(display_name__icontains=filters.q)
            | Q(person__name__icontains=filters.q)
        )
    if filters.role:
        accounts = accounts.filter(roles__role=filters.role).distinct()
    return accounts.order_by("username")


def roster_candidates(user: Any, q: str) -> list[Member]:
    """People of the sysadmin's subtrees without an account yet, matching Q (name or pinyin initials)."""
    paths = permissions.sysadmin_paths(user)
    if not paths or not q:
        return []
    people = Member.objects.filter(_under(paths, "org__path"), account__isnull=True)
    people = people.filter(Q(name__icontains=q) | Q(name_initials__istartswith=q.lower()))
    return list(people.select_related("org").order_by("name_initials", "name", "pk")[:CANDIDATE_LIMIT])


def candidate_person(user: Any, pk: Any) -> Member | None:
    paths = permissions.sysadmin_paths(user)
    if not paths:
        return None
    try:
        return Member.objects.filter(_under(paths, "org__path")).select_related("org").get(pk=pk)
    except (Member.DoesNotExist, ValueError, TypeError):
        return None


# --- roles ---------------------------------------------------------------------


def role_viewer_paths(user: Any) -> list[str]:
    """Who may look at the roles page: granters, over their subtrees."""
    return permissions.granting_paths(user)


@dataclass(frozen=True)
class RoleFilters:
    role: str = ""
    org_code: str = ""
    q: str = ""

    @classmethod
    def from_params(cls, params: Any) -> RoleFilters:
        def get(key: str) -> str:
            return str(params.get(key) or "").strip()[:50]

        return cls(role=get("role"), org_code=get("org"), q=get("q"))


def assignments_visible(user: Any) -> QuerySet[RoleAssignment]:
    paths = role_viewer_paths(user)
    if not paths:
        return RoleAssignment.objects.none()
    return RoleAssignment.objects.filter(_under(paths, "org__path"))


def assignments_for_list(user: Any, filters: RoleFilters) -> QuerySet[RoleAssignment]:
    rows = assignments_visible(user).select_related("user", "user__person", "org")
    if filters.role:
        rows = rows.filter(role=filters.role)
    if filters.org_code:
        org = Organization.objects.filter(code=filters.org_code).first()
        rows = rows.filter(_under([org.path], "org__path")) if org else rows.none()
    if filters.q:
        rows = rows.filter(Q(user__username__icontains=filters.q) | Q(user__display_name__icontains=filters.q))
    return rows.order_by("org__path", "role", "user__username")


def assignment_for_change(*, request: HttpRequest, pk: Any) -> RoleAssignment:
    return scoping.get_visible_or_404(request, assignments_visible(request.user).select_related("org", "user"), pk=pk)


def granting_orgs(user: Any) -> QuerySet[Organization]:
    paths = permissions.granting_paths(user)
    if not paths:
        return Organization.objects.none()
    return Organization.objects.filter(_under(paths, "path")).order_by("path")


# --- credentials waiting for their owner organization ------------------------------


def credentials_to_confirm(user: Any) -> list[CredentialIssue]:
    """Pending new accounts and resets USER may confirm (`permissions.may_confirm_credential`)."""
    if permissions.is_administrator(user) or not scoping.scope_paths(user):
        return []
    pending = (
        CredentialIssue.objects.filter(status=CredentialIssue.Status.PENDING)
        .select_related("account", "account__person", "account__person__org", "requested_by")
        .prefetch_related("account__roles__org")
        .order_by("requested_at", "pk")
    )
    return [i for i in pending if permissions.may_confirm_credential(user, i.account, list(i.account.roles.all()))]


def credential_for_confirm(*, request: HttpRequest, pk: Any) -> CredentialIssue:
    """A pending issue REQUEST's user may confirm; any other is a recorded 404."""
    visible = {i.pk: i for i in credentials_to_confirm(request.user)}
    found = visible.get(int(pk)) if str(pk).isdigit() else None
    if found is None:
        raise scoping.deny(request, CredentialIssue, {"pk": pk}, exists=CredentialIssue.objects.filter(pk=pk).exists())
    return found
