"""What the brand pages share: look-ups that 404 (recorded) out of reach, files, the staff gate."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest

from dangjian.core import scoping

from .. import permissions, selectors
from ..models import Batch, Brand, Plan

NAV = "brands"


def require_overseer(request: HttpRequest, page: str) -> None:
    """Pages for committee staff and organization administrators: anyone else gets a recorded 404."""
    if not permissions.uses_brands(request.user):
        raise scoping.deny(request, Brand, {"page": page}, exists=True)


def require_staff(request: HttpRequest, page: str) -> None:
    if not permissions.is_staff(request.user):
        raise scoping.deny(request, Batch, {"page": page}, exists=True)


def brand_or_404(request: HttpRequest, pk: int, *, edit: bool = False, decide: bool = False) -> Brand:
    brand = scoping.get_visible_or_404(
        request, selectors.visible_brands(request.user).select_related("org", "batch__stage__plan"), pk=pk
    )
    if edit and not scoping.can_manage_org(request.user, brand.org):
        raise scoping.deny(request, Brand, {"pk": pk, "action": "edit"}, exists=True, org=brand.org_id)
    if decide and not permissions.can_decide(request.user, brand):
        raise scoping.deny(request, Brand, {"pk": pk, "action": "decide"}, exists=True, org=brand.org_id)
    return brand


def batch_or_404(request: HttpRequest, pk: int, *, staff: bool = False) -> Batch:
    batch = scoping.get_visible_or_404(
        request, selectors.visible_batches(request.user).select_related("stage__plan__committee"), pk=pk
    )
    if staff and not permissions.runs_committee(request.user, batch.committee_id):
        raise scoping.deny(request, Batch, {"pk": pk, "action": "staff"}, exists=True, org=batch.committee_id)
    return batch


def plan_or_404(request: HttpRequest, pk: int) -> Plan:
    plan = scoping.get_visible_or_404(request, selectors.visible_plans(request.user).select_related("committee"), pk=pk)
    if not permissions.runs_committee(request.user, plan.committee):
        raise scoping.deny(request, Plan, {"pk": pk, "action": "staff"}, exists=True, org=plan.committee_id)
    return plan


def file_response(f: Any, content_type: str, *, public: bool = False, name: str = "") -> FileResponse:
    response = FileResponse(f.open("rb"), content_type=content_type, as_attachment=bool(name), filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"{'public' if public else 'private'}, max-age=3600"
    return response


def read_upload(request: HttpRequest, name: str, cap: int) -> bytes | None:
    """The uploaded file NAME's bytes, read no further than one past CAP (the service refuses it then)."""
    upload = request.FILES.get(name)
    return upload.read(cap + 1) if upload is not None else None
