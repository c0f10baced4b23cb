"""What the dashboard's pages share: who may open them, the subtree and year they show."""

from __future__ import annotations

from django.http import HttpRequest

from dangjian.core import scoping
from dangjian.core.selectors import org_and_year_from
from dangjian.orgs.models import Organization

from .. import permissions
from ..models import ScreenLink

NAV = "charts"
NAV_SCREENS = "screens"


def require_viewer(request: HttpRequest, page: str) -> None:
    """Committee staff and organization administrators; anyone else gets a recorded 404."""
    if not permissions.sees_dashboard(request.user):
        raise scoping.deny(request, Organization, {"page": page}, exists=True)


def require_screen_manager(request: HttpRequest, page: str) -> None:
    if not permissions.manages_screens(request.user):
        raise scoping.deny(request, ScreenLink, {"page": page}, exists=True)


def subtree_and_year(request: HttpRequest) -> tuple[Organization | None, int]:
    """?org=CODE&year=YYYY within the user's reach (a recorded 404 otherwise)."""
    return org_and_year_from(request, request.GET)
