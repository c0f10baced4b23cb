"""Menu flags for the three administrators and for role granters (templates/base.html)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import permissions


def administration(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_is_sysadmin": permissions.is_sysadmin(user),
        "nav_is_secadmin": permissions.is_secadmin(user),
        "nav_is_auditor": permissions.is_auditor(user),
        "nav_can_grant": bool(permissions.granting_paths(user)),
    }
