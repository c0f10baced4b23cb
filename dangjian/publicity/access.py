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

from django.db.models import Model, QuerySet

from dangjian.accounts.models import Role
from dangjian.core import scoping, tree

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


def scoped(user: Any, queryset: QuerySet[M], roles: tuple[str, ...] = ANY, field: str = "org") -> QuerySet[M]:
    """QUERYSET limited to records whose FIELD organization lies under one of USER's ROLES."""
    return scoping.scoped_by_org(user, queryset, field, roles)


def holds(user: Any, roles: tuple[str, ...], org: Organization) -> bool:
    return scoping.holds_over(user, org, roles)


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
    return scoping.visible_orgs(user, roles).order_by("path")


def ancestor_paths(user: Any, roles: tuple[str, ...] = ANY) -> list[str]:
    """Paths of the organizations above and at the roots of USER's scopes (their committees)."""
    return tree.ancestors_of_all(paths(user, roles))


def require(request: HttpRequest, roles: tuple[str, ...], model: type[Model], page: str) -> None:
    """A recorded 404 for anyone holding none of ROLES anywhere."""
    if not paths(request.user, roles):
        raise scoping.deny(request, model, {"page": page}, exists=True)
