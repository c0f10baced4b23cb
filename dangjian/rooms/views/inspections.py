"""Inspecting a room item by item (with photos), rechecking rectified items, an inspection's page, photos."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors

from .. import permissions, selectors, services
from ..conf import RoomsSettings
from ..forms import FAIL, NOT_ASSESSED, PASS, InspectionForm
from ..models import Photo
from ..permissions import committee_of
from .common import NAV, inspection_or_404, room_or_404

VERDICTS = {PASS: True, FAIL: False, NOT_ASSESSED: None, "": None}


def _verdicts(form: InspectionForm, request: AuthedRequest) -> dict[str, services.VerdictIn]:
    """The form's per-item answers, with the photos' bytes (read no further than the size cap)."""
    cap = RoomsSettings.current().photo_max_bytes
    found: dict[str, services.VerdictIn] = {}
    d = form.cleaned_data
    for item in form.items:
        uploads = request.FILES.getlist(f"photos_{item.key}")
        found[item.key] = services.VerdictIn(
            passed=VERDICTS.get(d.get(f"v_{item.key}") or ""),
            note=d.get(f"note_{item.key}") or "",
            photos=[u.read(cap + 1) for u in uploads],
            deadline=d.get(f"deadline_{item.key}"),
            requirement=d.get(f"requirement_{item.key}") or "",
        )
    return found


def _inspect(request: AuthedRequest, pk: int, *, recheck: bool) -> HttpResponse:
    room = room_or_404(request, pk, manage=True)
    open_tasks = services.open_rectifications(room)
    if recheck:
        base, items = services.recheck_items(room)
        if not items:
            messages.info(request, "该活动室没有待复查的整改任务。")
            return redirect("rooms:room_detail", pk=room.pk)
        checklist = base.checklist if base else None
    else:
        checklist = services.checklist_current(committee=committee_of(room.org), by=request.user)
        items = list(checklist.items.order_by("position", "id"))
    initial: dict[str, Any] = {"held_on": timezone.localdate()}
    if room.latest_inspection is not None:  # usually the same inspectors come back
        initial["inspectors"] = room.latest_inspection.inspectors
    for task in open_tasks:
        initial[f"requirement_{task.item_key}"] = task.requirement
    form = InspectionForm(request.POST or None, request.FILES or None, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        record = services.recheck_record if recheck else services.inspection_record
        try:
            inspection = record(
                room=room,
                held_on=form.cleaned_data["held_on"],
                inspectors=form.cleaned_data["inspectors"],
                note=form.cleaned_data["note"],
                verdicts=_verdicts(form, request),
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            verdict = "达标" if inspection.passed else "未达标"
            messages.success(request, f"已记录{inspection.get_kind_display()}：{verdict}。")
            return redirect("rooms:inspection_detail", pk=inspection.pk)
    return render(
        request,
        "rooms/inspection_form.html",
        {
            "nav": NAV,
            "room": room,
            "form": form,
            "rows": form.rows(),
            "checklist": checklist,
            "recheck": recheck,
            "open_keys": {t.item_key: t for t in open_tasks},
            "max_photos": RoomsSettings.current().max_photos_per_item,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspect(request: AuthedRequest, pk: int) -> HttpResponse:
    return _inspect(request, pk, recheck=False)


@login_required
@require_http_methods(["GET", "POST"])
def recheck(request: AuthedRequest, pk: int) -> HttpResponse:
    return _inspect(request, pk, recheck=True)


@login_required
@require_GET
def inspection_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = inspection_or_404(request, pk)
    verdicts = list(inspection.verdicts.select_related("item").prefetch_related("photos").order_by("item__position"))
    return render(
        request,
        "rooms/inspection_detail.html",
        {
            "nav": NAV,
            "inspection": inspection,
            "room": inspection.room,
            "verdicts": verdicts,
            "raised": list(inspection.rectifications_raised.order_by("deadline")),
            "closed": list(inspection.rectifications_closed.order_by("item_title")),
            "required_items": sum(1 for v in verdicts if v.item.required),
            "can_manage": permissions.can_manage_room(request.user, inspection.room),
            "today": timezone.localdate(),
        },
    )


def _photo(request: AuthedRequest, pk: int, *, thumbnail: bool) -> FileResponse:
    photo: Photo = scoping.get_visible_or_404(request, selectors.visible_photos(request.user), pk=pk)
    f = photo.thumbnail if thumbnail else photo.file
    response = FileResponse(f.open("rb"), content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_GET
def photo(request: AuthedRequest, pk: int) -> FileResponse:
    return _photo(request, pk, thumbnail=False)


@login_required
@require_GET
def photo_thumb(request: AuthedRequest, pk: int) -> FileResponse:
    return _photo(request, pk, thumbnail=True)
