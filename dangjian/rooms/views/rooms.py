"""The committee-wide list of rooms, a room's page with its history, registering and editing a room."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors, export_query, page_query, paginate, wants_xlsx, xlsx_download

from .. import permissions, selectors, services
from ..conf import RoomsSettings
from ..forms import RoomForm
from ..models import Room
from ..selectors.lists import STANDINGS
from .common import NAV, filter_orgs, org_filter, require_overseer, room_or_404

ROOM_HEADERS = ["党组织", "活动室", "位置", "使用面积（平方米）", "管理人", "最近检查", "检查结果", "整改中", "已逾期"]


def _standing(room: Room) -> str:
    if room.latest_inspection is None:
        return "未检查"
    return "达标" if room.latest_inspection.passed else "未达标"


@login_required
@require_GET
def room_list(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "rooms")
    today = timezone.localdate()
    org = org_filter(request)
    standing = request.GET.get("standing", "")
    filters = selectors.RoomFilters(
        org=org,
        standing=standing if standing in STANDINGS else "",
        overdue=request.GET.get("overdue") == "1",
        q=(request.GET.get("q") or "").strip()[:50],
    )
    rows = selectors.room_rows(request.user, filters, today)
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title="党员活动室达标情况",
            headers=ROOM_HEADERS,
            rows=[
                (
                    r.org.name,
                    r.name,
                    r.location,
                    r.area_m2,
                    r.manager_name,
                    r.latest_inspection.held_on if r.latest_inspection else "",
                    _standing(r),
                    getattr(r, "open_count", 0),
                    getattr(r, "overdue_count", 0),
                )
                for r in rows
            ],  # fmt: skip
            target=Room,
            org=org,
            personal=False,
        )
    return render(
        request,
        "rooms/room_list.html",
        {
            "nav": NAV,
            "page": paginate(request, rows, RoomsSettings.current().list_page_size),
            "filters": filters,
            "standings": STANDINGS,
            "orgs": filter_orgs(request),
            "summary": selectors.room_summary(request.user, org, today),
            "query": page_query(request),
            "export_query": export_query(request),
            "today": today,
            "can_register": True,
        },
    )


def _registrable_orgs(request: AuthedRequest):  # type: ignore[no-untyped-def]
    return scoping.visible_orgs(request.user).exclude(kind="group").filter(activity_room__isnull=True).order_by("path")


@login_required
@require_http_methods(["GET", "POST"])
def room_new(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "room_new")
    orgs = _registrable_orgs(request)
    form = RoomForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            room = services.room_register(
                org=d["org"], name=d["name"], location=d["location"], area_m2=d["area_m2"],
                manager_name=d["manager_name"], by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已登记{room}。")
            return redirect("rooms:room_detail", pk=room.pk)
    return render(request, "rooms/room_form.html", {"nav": NAV, "form": form, "room": None})


@login_required
@require_http_methods(["GET", "POST"])
def room_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    room = room_or_404(request, pk, manage=True)
    initial = {"name": room.name, "location": room.location, "area_m2": room.area_m2, "manager_name": room.manager_name}
    form = RoomForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.room_update(
                room=room, name=d["name"], location=d["location"], area_m2=d["area_m2"],
                manager_name=d["manager_name"], by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已保存活动室信息。")
            return redirect("rooms:room_detail", pk=room.pk)
    return render(request, "rooms/room_form.html", {"nav": NAV, "form": form, "room": room})


@login_required
@require_GET
def room_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    room = room_or_404(request, pk)
    today = timezone.localdate()
    inspections = list(room.inspections.select_related("checklist").order_by("-held_on", "-id"))
    tasks = list(room.rectifications.select_related("raised_by", "closed_by").order_by("status", "deadline", "id"))
    return render(
        request,
        "rooms/room_detail.html",
        {
            "nav": NAV,
            "room": room,
            "inspections": inspections,
            "open_tasks": [t for t in tasks if t.status == "open"],
            "done_tasks": [t for t in tasks if t.status != "open"],
            "today": today,
            "can_manage": permissions.can_manage_room(request.user, room),
        },
    )
