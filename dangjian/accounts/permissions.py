"""Who may grant which role where, and which administrator does what (三员分立).

A role is granted at an organization and reaches its subtree. `GRANTS` below is
the one table of who may grant which role (the README's "Roles and separation of
duties" prints it, and a test holds the two equal); `can_grant` reads nothing else.
A granter grants a role of their row only at an organization inside a subtree
where they hold the granting role, never to themselves, and revokes the same way.

The system administrator manages accounts (create, deactivate, reset) and
grants nothing: a role that sees business or personal data is granted by those
who own that data within their subtree (committee staff, organization
administrators), or by the security administrator where the deployment says so
(`DANGJIAN = {"accounts": {"secadmin_grants_roles": True}}`). The three
administrator roles are granted only at the server (`manage.py admin_role`,
the `console` row), so that no administrator can make an account of their own
into another.

Credentials follow the same line: the system administrator never sees a password
of an account. A new account or a reset waits for its owner organization to
confirm (`may_confirm_credential`); the confirmer is shown the password once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from dangjian.core import scoping, tree

from .conf import AccountsSettings
from .models import ADMIN_ROLES, SCOPE_ROLES, Role, User

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import RoleAssignment

DOMAIN_ROLES = (Role.COMMITTEE_STAFF, Role.ORG_ADMIN, Role.EDITOR, Role.REVIEWER, Role.MEMBER)
CONSOLE = "console"  # manage.py admin_role, at the server

# granter -> the roles it may grant (and revoke). The one table; README prints it.
GRANTS: dict[str, tuple[str, ...]] = {
    Role.COMMITTEE_STAFF: DOMAIN_ROLES,
    Role.ORG_ADMIN: (Role.ORG_ADMIN, Role.EDITOR, Role.REVIEWER, Role.MEMBER),
    Role.SECADMIN: DOMAIN_ROLES,  # only where AccountsSettings.secadmin_grants_roles
    Role.SYSADMIN: (),
    Role.AUDITOR: (),
    CONSOLE: ADMIN_ROLES,
}


def granting_roles() -> tuple[str, ...]:
    """The roles that grant something from the web under the deployment's settings."""
    secadmin = AccountsSettings.current().secadmin_grants_roles
    return tuple(
        role for role, grants in GRANTS.items() if grants and role != CONSOLE and (role != Role.SECADMIN or secadmin)
    )


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
    return scoping.scope_paths(user, granting_roles())


def sysadmin_paths(user: Any) -> list[str]:
    return scoping.scope_paths(user, (Role.SYSADMIN,))


def auditor_paths(user: Any) -> list[str]:
    return scoping.scope_paths(user, (Role.AUDITOR,))


def can_grant(user: Any, role: str, org_path: str) -> bool:
    """Whether USER holds, at ORG_PATH or above it, a role that may grant ROLE."""
    if role in ADMIN_ROLES:
        return False  # the console's row only
    for granter_role, granter_paths in _roles_by_kind(user).items():
        if role in GRANTS[granter_role] and tree.is_within(org_path, granter_paths):
            return True
    return False


def grantable_roles(user: Any) -> list[tuple[str, str]]:
    """(value, label) of the roles USER may grant somewhere, in the order of Role."""
    kinds: set[str] = set()
    for granter_role in _roles_by_kind(user):
        kinds.update(GRANTS[granter_role])
    return [(value, label) for value, label in Role.choices if value in kinds]


def _roles_by_kind(user: Any) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for role in granting_roles():
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


def may_confirm_credential(user: Any, account: User, roles: list[RoleAssignment] | None = None) -> bool:
    """Whether USER may confirm a new or reset password of ACCOUNT, and so be shown it.

    Only someone who already sees what the account sees: a holder of a roster role
    (never one of the three administrators) over the account's person, who may also
    grant every role the account holds where it holds it. An account with neither
    person nor role is confirmed by committee staff.
    """
    if not getattr(user, "is_authenticated", False) or user.pk == account.pk or is_administrator(user):
        return False
    held = roles if roles is not None else list(account.roles.select_related("org"))
    if any(ra.role in ADMIN_ROLES for ra in held):
        return False
    if not scoping.scope_paths(user, SCOPE_ROLES):
        return False
    if account.person_id is not None:
        person = account.person
        if person is None or not scoping.holds_over(user, person.org):
            return False
    if all(_can_grant_as_owner(user, ra.role, ra.org.path) for ra in held):
        return bool(held) or account.person_id is not None or scoping.is_committee_staff(user)
    return False


def _can_grant_as_owner(user: Any, role: str, org_path: str) -> bool:
    # The owner's rows only: a security administrator who may grant is no owner of the data.
    for granter_role in SCOPE_ROLES:
        paths = scoping.scope_paths(user, (granter_role,))
        if role in GRANTS[granter_role] and tree.is_within(org_path, paths):
            return True
    return False
