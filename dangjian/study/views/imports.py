"""Importing a past sign-in sheet into a session, a meeting or a class: upload → preview → confirm."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import excel, importing, scoping

from ..importing import TARGETS, import_signin_file, record_for, template_bytes
from ..models import Meeting
from .common import NAV, require_manager

BACK = {"session": "study:session_detail", "meeting": "study:meeting_detail", "training": "study:class_detail"}


def _record(request: AuthedRequest, target: str, pk: int):
    if target not in TARGETS:
        raise scoping.deny(request, Meeting, {"target": target[:20]}, exists=False)
    return scoping.get_visible_or_404(request, record_for(target, pk, request.user), pk=pk)


def _context(target: str, record) -> dict:
    return {
        "nav": NAV,
        "target": target,
        "what": TARGETS[target],
        "record": record,
        "back_url": reverse(BACK[target], args=[record.pk]),
        "action_url": reverse("study:import", args=[target, record.pk]),
        "confirm_url": reverse("study:import_confirm", args=[target, record.pk]),
        "template_url": reverse("study:import_template", args=[target]),
    }


@login_required
def import_page(request: AuthedRequest, target: str, pk: int) -> HttpResponse:
    record = _record(request, target, pk)
    context = _context(target, record)
    if request.method == "POST":
        importer = partial(import_signin_file, target=target, record=record)
        context.update(importing.check_upload(request, f"signin-{target}-{record.pk}", importer))
    return render(request, "study/import.html", context)


@login_required
@require_POST
def import_confirm(request: AuthedRequest, target: str, pk: int) -> HttpResponse:
    record = _record(request, target, pk)
    importer = partial(import_signin_file, target=target, record=record)
    try:
        result = importing.confirm_upload(request, f"signin-{target}-{record.pk}", importer)
    except importing.StagingError as e:
        messages.error(request, str(e))
        return redirect("study:import", target=target, pk=record.pk)
    if not result.ok:
        return render(request, "study/import.html", {**_context(target, record), "result": result})
    messages.success(request, f"签到表导入完成：{result.summary()}。")
    return redirect(BACK[target], pk=record.pk)


@login_required
def import_template(request: AuthedRequest, target: str) -> HttpResponse:
    require_manager(request, Meeting, "study:import_template")
    if target not in TARGETS:
        raise scoping.deny(request, Meeting, {"target": target[:20]}, exists=False)
    return excel.xlsx_response(f"{TARGETS[target]}签到表模板.xlsx", template_bytes(target))
