"""What the admission pages share: the checks that answer a recorded 404."""

from __future__ import annotations

from django.db.models import Model
from django.http import HttpRequest

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from .. import permissions, selectors
from ..models import Case

NAV = "admission"


def require_overseer(request: HttpRequest, model: type[Model], page: str) -> None:
    """Committee staff and organization administrators; anyone else gets a recorded 404."""
    if not permissions.sees_admission(request.user):
        raise scoping.deny(request, model, {"page": page}, exists=True)


def branch_or_404(request: HttpRequest, code: str) -> Organization:
    """A branch USER sees, by its code."""
    require_overseer(request, Organization, "admission:branch")
    return scoping.get_visible_or_404(request, selectors.visible_branches(request.user), code=code)


def case_or_404(request: HttpRequest, pk: int) -> Case:
    require_overseer(request, Case, "admission:case")
    return scoping.get_visible_or_404(
        request, selectors.visible_cases(request.user).select_related("org", "member"), pk=pk
    )


def require_keeper(request: HttpRequest, org: Organization, action: str) -> None:
    if not permissions.keeps_cases_of(request.user, org):
        raise scoping.deny(request, Organization, {"pk": org.pk, "action": action}, exists=True, org=org.pk)
