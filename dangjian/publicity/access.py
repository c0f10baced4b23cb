"""Who may do what in the publicity module, by roles held over an organization.

Roles come from dangjian.core.scoping (a role held at an organization reaches
its subtree); this module only says which roles count for which verb:

* write articles, reports and papers: 编辑 (editor), org administrators, committee staff;
* review and publish articles, override the gate: 审核 (reviewer), committee staff;
* review and send reports and papers up, record adoption and awards: committee staff.

An editor never approves their own article, whatever other role they hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet

from dangjian.accounts.models import Role
from dangjian.core import scoping

if TYPE_CHECKING:
    from django.http import HttpRequest

    from dangjian.orgs.models import Organization

M = TypeVar("M", bound=Model)

WRITERS = (Role.EDITOR, Role.ORG_ADMIN, Role.COMMITTEE_STAFF)
REVIEWERS = (Role.REVIEWER, Role.COMMITTEE_STAFF)
COMMITTEE = (Role.COMMITTEE_STAFF,)
ANY = (Role.EDITOR, Role.REVIEWER, Role.ORG_ADMIN, Role.COMMITTEE_STAFF)


def paths(user: Any, roles: tuple[str, ...]) -> list[str]:
    return scoping.scope_paths(user, roles)


def path_q(prefixes: list[str], field: str = "org") -> Q:
    q = Q(pk__in=[])
    for p in prefixes:
        q |= Q(**{f"{field}__path__startswith": p})
    return q


def scoped(user: Any, queryset: QuerySet[M], roles: tuple[str, ...] = ANY, field: str = "org") -> QuerySet[M]:
    """QUERYSET limited to records whose FIELD organization lies under one of USER's ROLES.

    The same subtree logic as scoping.scoped_by_org, for roles beyond the two
    that scope people and organizations (编辑 and 审核 see articles, not rosters).
    """
    prefixes = paths(user, roles)
    if not prefixes:
        return queryset.none()
    return queryset.filter(path_q(prefixes, field))


def holds(user: Any, roles: tuple[str, ...], org: Organization) -> bool:
    return any(org.path.startswith(p) for p in paths(user, roles))


def can_write(user: Any, org: Organization) -> bool:
    return holds(user, WRITERS, org)


def can_review(user: Any, org: Organization) -> bool:
    return holds(user, REVIEWERS, org)


def is_committee_for(user: Any, org: Organization) -> bool:
    return holds(user, COMMITTEE, org)


def uses_publicity(user: Any) -> bool:
    return bool(paths(user, ANY))


def orgs_for(user: Any, roles: tuple[str, ...]) -> QuerySet[Organization]:
    """Organizations under USER's ROLES (the choices of a form's 单位 field)."""
    from dangjian.orgs.models import Organization

    prefixes = paths(user, roles)
    if not prefixes:
        return Organization.objects.none()
    q = Q(pk__in=[])
    for p in prefixes:
        q |= Q(path__startswith=p)
    return Organization.objects.filter(q).order_by("path")


def ancestor_paths(user: Any, roles: tuple[str, ...] = ANY) -> list[str]:
    """Paths of the organizations above and at the roots of USER's scopes (their committees)."""
    from dangjian.orgs.models import Organization

    step = Organization.steplen
    found: set[str] = set()
    for p in paths(user, roles):
        found.update(p[:k] for k in range(step, len(p) + 1, step))
    return sorted(found)


def require(request: HttpRequest, roles: tuple[str, ...], model: type[Model], page: str) -> None:
    """A recorded 404 for anyone holding none of ROLES anywhere."""
    if not paths(request.user, roles):
        raise scoping.deny(request, model, {"page": page}, exists=True)
