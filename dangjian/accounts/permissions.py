"""Who may grant which role where, and which administrator does what (三员分立).

A role is granted at an organization and reaches its subtree. A granter may
grant a role only at an organization inside a subtree where they hold a role
that may grant it, and only roles at or below that role:

| granter role    | may grant                                              |
|-----------------|--------------------------------------------------------|
| sysadmin        | committee staff, org admin, editor, reviewer, member   |
| committee_staff | committee staff, org admin, editor, reviewer, member   |
| org_admin       | org admin, editor, reviewer, member                    |

The three administrator roles are never granted from the web: they are given
at the server (`manage.py admin_role`), so that no administrator can make an
account of their own into another (a system administrator creating an auditor
would read the trail of their own doings). Nobody grants or revokes their own
roles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from dangjian.core import scoping

from .models import ADMIN_ROLES, Role, User

if TYPE_CHECKING:
    from django.http import HttpRequest

DOMAIN_ROLES = (Role.COMMITTEE_STAFF, Role.ORG_ADMIN, Role.EDITOR, Role.REVIEWER, Role.MEMBER)

GRANTABLE: dict[str, tuple[str, ...]] = {
    Role.SYSADMIN: DOMAIN_ROLES,
    Role.COMMITTEE_STAFF: DOMAIN_ROLES,
    Role.ORG_ADMIN: (Role.ORG_ADMIN, Role.EDITOR, Role.REVIEWER, Role.MEMBER),
}
GRANTING_ROLES = tuple(GRANTABLE)


def current_user(request: HttpRequest) -> User:
    """The logged-in account of REQUEST (views behind login_required)."""
    return cast(User, request.user)


def is_sysadmin(user: Any) -> bool:
    return scoping.has_role(user, Role.SYSADMIN)


def is_secadmin(user: Any) -> bool:
    return scoping.has_role(user, Role.SECADMIN)


def is_auditor(user: Any) -> bool:
    return scoping.has_role(user, Role.AUDITOR)


def is_administrator(user: Any) -> bool:
    return any(scoping.has_role(user, r) for r in ADMIN_ROLES)


def granting_paths(user: Any) -> list[str]:
    """The subtrees (org paths) where USER may grant some role."""
    return scoping.scope_paths(user, GRANTING_ROLES)


def sysadmin_paths(user: Any) -> list[str]:
    return scoping.scope_paths(user, (Role.SYSADMIN,))


def auditor_paths(user: Any) -> list[str]:
    return scoping.scope_paths(user, (Role.AUDITOR,))


def can_grant(user: Any, role: str, org_path: str) -> bool:
    """Whether USER holds, at ORG_PATH or above it, a role that may grant ROLE."""
    if role in ADMIN_ROLES:
        return False
    for granter_role, granter_paths in _roles_by_kind(user).items():
        if role in GRANTABLE.get(granter_role, ()) and any(org_path.startswith(p) for p in granter_paths):
            return True
    return False


def grantable_roles(user: Any) -> list[tuple[str, str]]:
    """(value, label) of the roles USER may grant somewhere, in the order of Role."""
    kinds: set[str] = set()
    for granter_role in _roles_by_kind(user):
        kinds.update(GRANTABLE.get(granter_role, ()))
    return [(value, label) for value, label in Role.choices if value in kinds]


def _roles_by_kind(user: Any) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for role in GRANTING_ROLES:
        paths = scoping.scope_paths(user, (role,))
        if paths:
            result[role] = paths
    return result


def home_for_administrator(user: Any) -> str | None:
    """The URL name of an administrator's own workspace, where the home page sends them."""
    if is_sysadmin(user):
        return "accounts:users"
    if is_secadmin(user):
        return "accounts:security"
    if is_auditor(user):
        return "audit:list"
    return None
