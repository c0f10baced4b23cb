from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import scoping
from .menu import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The top menu (built from the apps' manifests) and the flag the study pages' tabs read."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "menu": SimpleLazyObject(lambda: menu_for(user)),
        "nav_can_see_orgs": SimpleLazyObject(lambda: scoping.can_see_orgs(user)),
    }
