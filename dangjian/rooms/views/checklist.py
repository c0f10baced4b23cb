"""The committee's checklist: everyone who oversees rooms reads it, committee staff change it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors, flash_errors

from .. import permissions, services
from ..forms import ItemForm
from ..models import Checklist, ChecklistItem
from .common import NAV, require_overseer


def _committee(request: AuthedRequest):  # type: ignore[no-untyped-def]
    require_overseer(request, "checklist")
    committees = permissions.committees_of(request.user)
    if not committees:
        raise scoping.deny(request, Checklist, {"page": "checklist"}, exists=False)
    return committees[0]


def _item_or_404(request: AuthedRequest, pk: int) -> ChecklistItem:
    """An item of a checklist the user may change (committee staff of its committee), else a recorded 404."""
    item = scoping.get_visible_or_404(request, ChecklistItem.objects.select_related("checklist__committee"), pk=pk)
    if not permissions.can_edit_checklist(request.user, item.checklist.committee):
        raise scoping.deny(request, ChecklistItem, {"pk": pk}, exists=True, org=item.checklist.committee_id)
    return item


@login_required
@require_GET
def checklist(request: AuthedRequest) -> HttpResponse:
    committee = _committee(request)
    current = services.checklist_current(committee=committee, by=request.user)
    versions = Checklist.objects.filter(committee=committee).annotate(
        n_items=Count("items", distinct=True), n_inspections=Count("inspections", distinct=True)
    ).order_by("-version")  # fmt: skip
    return render(
        request,
        "rooms/checklist.html",
        {
            "nav": NAV,
            "committee": committee,
            "checklist": current,
            "items": list(current.items.order_by("position", "id")),
            "versions": versions,
            "can_edit": permissions.can_edit_checklist(request.user, committee),
            "form": ItemForm(),
        },
    )


@login_required
@require_POST
def item_new(request: AuthedRequest) -> HttpResponse:
    committee = _committee(request)
    if not permissions.can_edit_checklist(request.user, committee):
        raise scoping.deny(request, Checklist, {"page": "item_new"}, exists=True, org=committee.pk)
    form = ItemForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            item = services.checklist_item_add(
                committee=committee, title=d["title"], description=d["description"], required=d["required"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, f"已增加检查项“{item.title}”（第{item.checklist.version}版）。")
    else:
        messages.error(request, "请填写检查项名称。")
    return redirect("rooms:checklist")


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    initial = {"title": item.title, "description": item.description, "required": item.required,
               "position": item.position}  # fmt: skip
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            saved = services.checklist_item_update(
                item=item, title=d["title"], description=d["description"], required=d["required"],
                position=d["position"] or item.position, by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已修改检查项“{saved.title}”（第{saved.checklist.version}版）。")
            return redirect("rooms:checklist")
    return render(request, "rooms/item_form.html", {"nav": NAV, "item": item, "form": form})


@login_required
@require_POST
def item_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    try:
        checklist = services.checklist_item_remove(item=item, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已删除检查项“{item.title}”（第{checklist.version}版）。")
    return redirect("rooms:checklist")
