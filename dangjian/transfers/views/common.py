"""What the transfers pages share: the checks that answer a recorded 404, and the list context."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from dangjian.core import scoping
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import export_query, page_query, paginate

from .. import permissions

NAV = "transfers"
NAV_FLOW = "transfers_flow"


def require_overseer(request: HttpRequest, model: type[Model], page: str) -> None:
    """Committee staff and organization administrators; anyone else gets a recorded 404."""
    if not permissions.sees_transfers(request.user):
        raise scoping.deny(request, model, {"page": page}, exists=True)


def require_letters_runner(request: HttpRequest, model: type[Model], page: str) -> None:
    if not permissions.runs_letters(request.user):
        raise scoping.deny(request, model, {"page": page}, exists=True)


def require_runs_for(request: HttpRequest, obj: Any, action: str) -> None:
    """Committee staff over OBJ's organization."""
    if not permissions.runs_letters_for(request.user, obj.org):
        raise scoping.deny(request, type(obj), {"pk": obj.pk, "action": action}, exists=True, org=obj.org_id)


def require_manages(request: HttpRequest, obj: Any, action: str) -> None:
    """Administrators of OBJ's organization (visible, but not theirs to change otherwise)."""
    if not permissions.manages(request.user, obj.org):
        raise scoping.deny(request, type(obj), {"pk": obj.pk, "action": action}, exists=True, org=obj.org_id)


def scope_and_year(request: HttpRequest, model: type[Model], page: str) -> tuple[Any, int]:
    """?org=CODE&year=YYYY within the user's reach (the root they oversee by default)."""
    require_overseer(request, model, page)
    return org_and_year_from(request, request.GET)


def list_context(request: HttpRequest, items: Any, **extra: Any) -> dict[str, Any]:
    return {
        "nav": NAV,
        "page": paginate(request, items),
        "query": page_query(request),
        "export": export_query(request),
        "can_run": permissions.runs_letters(request.user),
        **extra,
    }
