"""Reads shared by the pages and the API of every app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from . import scoping

if TYPE_CHECKING:
    from django.http import HttpRequest

    from dangjian.orgs.models import Organization


def default_org_for(user: Any) -> Organization | None:
    """The highest organization USER oversees (their committee, for committee staff)."""
    return scoping.visible_orgs(user).order_by("depth", "path").first()


def org_and_year_from(request: HttpRequest, params: Any) -> tuple[Organization | None, int]:
    """Read ?org=CODE&year=YYYY, scoped to REQUEST.user (a recorded 404 when out of reach)."""
    year_text = str(params.get("year") or "").strip()
    year = int(year_text) if year_text.isdigit() else timezone.localdate().year
    code = (params.get("org") or "").strip()
    if code:
        org = scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code)
    else:
        org = default_org_for(request.user)
    return org, year
