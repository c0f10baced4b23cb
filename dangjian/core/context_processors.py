from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from dangjian.accounts.models import Role

from . import scoping


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_can_see_orgs": scoping.can_see_orgs(user),
        "nav_is_committee_staff": scoping.is_committee_staff(user),
        # Editors and reviewers of the publicity platform may hold no other role.
        "nav_is_publicity_editor": scoping.has_role(user, Role.EDITOR) or scoping.has_role(user, Role.REVIEWER),
    }
