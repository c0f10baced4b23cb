"""What the activity-room pages share: look-ups that 404 (recorded) out of reach."""

from __future__ import annotations

from django.http import HttpRequest

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from .. import permissions, selectors
from ..models import Inspection, Room

NAV = "rooms"


def require_overseer(request: HttpRequest, page: str) -> None:
    """Pages for committee staff and organization administrators: anyone else gets a recorded 404."""
    if not permissions.uses_rooms(request.user):
        raise scoping.deny(request, Room, {"page": page}, exists=True)


def room_or_404(request: HttpRequest, pk: int, *, manage: bool = False) -> Room:
    room = scoping.get_visible_or_404(
        request, selectors.visible_rooms(request.user).select_related("org", "latest_inspection"), pk=pk
    )
    if manage and not permissions.can_manage_room(request.user, room):
        raise scoping.deny(request, Room, {"pk": pk, "action": "manage"}, exists=True, org=room.org_id)
    return room


def inspection_or_404(request: HttpRequest, pk: int) -> Inspection:
    qs = selectors.visible_inspections(request.user).select_related("room__org", "checklist", "rechecks")
    return scoping.get_visible_or_404(request, qs, pk=pk)


def org_filter(request: HttpRequest) -> Organization | None:
    """?org=CODE among the organizations the user oversees (a recorded 404 otherwise); None when blank."""
    code = (request.GET.get("org") or "").strip()
    if not code:
        return None
    return scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code)


def filter_orgs(request: HttpRequest) -> list[Organization]:
    """The organizations offered in a list's filter: the user's scopes and one level below them."""
    visible = scoping.visible_orgs(request.user)
    top = visible.order_by("depth").values_list("depth", flat=True).first()
    if top is None:
        return []
    return list(visible.filter(depth__lte=top + 1).exclude(kind="group").order_by("path"))
