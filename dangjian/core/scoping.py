"""Who may see what: the one place that scopes queries to a user.

A role held at an organization reaches its subtree (materialized paths make
that a prefix match). Committee staff and organization administrators see the
organizations and people of their subtrees; a member sees their own record.
Every view and API call gets its querysets from here, and looks single records
up with `get_visible_or_404`, which records the attempt when it fails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from dangjian.accounts.models import SCOPE_ROLES, Role, RoleAssignment

from . import audit, tree

if TYPE_CHECKING:
    from django.http import HttpRequest

    from dangjian.orgs.models import Organization
    from dangjian.people.models import Member

M = TypeVar("M", bound=Model)

NOT_FOUND_MESSAGE = "未找到该记录，或您无权查看。"


def _roles(user: Any) -> list[tuple[str, str]]:
    """(role, org path) pairs held by USER, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_dangjian_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).values_list("role", "org__path"))
        user._dangjian_roles = cached
    return cached


def scope_paths(user: Any, roles: tuple[str, ...] = SCOPE_ROLES) -> list[str]:
    """The roots of the subtrees where USER holds one of ROLES."""
    return tree.minimal_paths(path for role, path in _roles(user) if role in roles)


def has_role(user: Any, role: str) -> bool:
    return any(r == role for r, _ in _roles(user))


def is_committee_staff(user: Any) -> bool:
    return has_role(user, Role.COMMITTEE_STAFF)


def can_see_orgs(user: Any) -> bool:
    return bool(scope_paths(user))


def visible_orgs(user: Any, roles: tuple[str, ...] = SCOPE_ROLES) -> QuerySet[Organization]:
    """The organizations in the subtrees where USER holds one of ROLES."""
    from dangjian.orgs.models import Organization

    paths = scope_paths(user, roles)
    if not paths:
        return Organization.objects.none()
    return Organization.objects.filter(tree.subtree_q(paths))


def visible_members(user: Any) -> QuerySet[Member]:
    from dangjian.people.models import Member

    paths = scope_paths(user)
    q = tree.subtree_q(paths, "org__path")
    person_id = getattr(user, "person_id", None) if getattr(user, "is_authenticated", False) else None
    if person_id:
        q |= Q(pk=person_id)
    if not paths and not person_id:
        return Member.objects.none()
    return Member.objects.filter(q)


def scoped_by_org(
    user: Any, queryset: QuerySet[M], org_field: str = "org", roles: tuple[str, ...] = SCOPE_ROLES
) -> QuerySet[M]:
    """QUERYSET limited to records whose ORG_FIELD lies in the subtrees where USER holds one of ROLES.

    For every domain model that belongs to an organization (a meeting, a brigade,
    an article): `scoped_by_org(request.user, Meeting.objects.all())`. ROLES
    beyond the two that see people and organizations (编辑 and 审核 see
    articles, not rosters) are the app's to name.
    """
    paths = scope_paths(user, roles)
    if not paths:
        return queryset.none()
    return queryset.filter(tree.subtree_q(paths, f"{org_field}__path"))


def in_subtree(queryset: QuerySet[M], org: Organization, org_field: str = "org") -> QuerySet[M]:
    """QUERYSET limited to records whose ORG_FIELD lies in ORG's subtree (ORG included).

    ORG_FIELD "" means the queryset's own path (a queryset of organizations).
    """
    field = f"{org_field}__path" if org_field else "path"
    return queryset.filter(tree.subtree_q([org.path], field))


def holds_over(user: Any, org: Organization, roles: tuple[str, ...] = SCOPE_ROLES) -> bool:
    """Whether USER holds one of ROLES at ORG or above it."""
    return tree.is_within(org.path, scope_paths(user, roles))


def can_manage_org(user: Any, org: Organization) -> bool:
    """Whether USER may change ORG's records (administrator of a subtree holding it)."""
    return holds_over(user, org)


def can_reveal_personal_data(user: Any, member: Member) -> bool:
    """Committee staff and administrators of the member's subtree, and the person themself."""
    if getattr(user, "person_id", None) == member.pk:
        return True
    return can_manage_org(user, member.org)


def deny(request: HttpRequest, model: type[Model], lookup: dict[str, Any], *, exists: bool, org: Any = None) -> Http404:
    """Record a refused look-up and return the 404 to raise."""
    audit.record(
        audit.Event.DENIED,
        request=request,
        target=model,
        object_pk=str(next(iter(lookup.values()), "")),
        object_repr=str(lookup),
        org=org,
        data={"path": request.path, "lookup": {k: str(v) for k, v in lookup.items()}, "exists": exists},
    )
    return Http404(NOT_FOUND_MESSAGE)


def get_visible_or_404(request: HttpRequest, visible: QuerySet[M], **lookup: Any) -> M:
    """The record matching LOOKUP among VISIBLE, or a recorded 404."""
    try:
        return visible.get(**lookup)
    except (ObjectDoesNotExist, ValueError):
        pass
    hidden = visible.model._default_manager.filter(**lookup).first() if lookup else None
    org = getattr(hidden, "audit_org_id", None) if hidden is not None else None
    raise deny(request, visible.model, lookup, exists=hidden is not None, org=org)
