"""Lecture requests (点单): organizations ask for a topic; committee staff schedule or decline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors, flash_errors

from .. import selectors, services
from ..forms import DeclineForm, LectureForm, RequestForm
from ..models import LectureRequest, RequestStatus
from .common import NAV_LECTURES, list_context, require_overseer, require_runs_for


def _request_or_404(request: AuthedRequest, pk: int) -> LectureRequest:
    qs = selectors.visible_requests(request.user).select_related("org", "lecture")
    return scoping.get_visible_or_404(request, qs, pk=pk)


@login_required
def requests(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, LectureRequest, "liaison:requests")
    status = request.GET.get("status", "")
    items = selectors.visible_requests(request.user).select_related("org", "lecture", "requested_by")
    if status in RequestStatus.values:
        items = items.filter(status=status)
    return render(
        request,
        "liaison/requests.html",
        {
            "nav": NAV_LECTURES,
            "status": status,
            "statuses": RequestStatus.choices,
            "decline_form": DeclineForm(),
            **list_context(request, items.order_by("-requested_at", "-id")),
        },
    )


@login_required
def request_new(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, LectureRequest, "liaison:request_new")
    form = RequestForm(request.POST or None, orgs=selectors.visitable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            req = services.request_file(**form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已提交点单：{req.topic}，等待工委安排。")
            return redirect("liaison:requests")
    return render(request, "liaison/request_form.html", {"nav": NAV_LECTURES, "form": form})


@login_required
def request_schedule(request: AuthedRequest, pk: int) -> HttpResponse:
    """Turn a request into a scheduled lecture at the requesting organization."""
    req = _request_or_404(request, pk)
    require_runs_for(request, req, "schedule")
    orgs = selectors.visitable_orgs(request.user).filter(pk=req.org_id)
    form = LectureForm(request.POST or None, orgs=orgs, initial={"topic": req.topic, "org": req.org_id})
    if request.method == "POST" and form.is_valid():
        try:
            lecture = services.lecture_create(**form.cleaned_data, request=req, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已按点单安排流动讲堂：{lecture}。")
            return redirect("liaison:lecture_detail", pk=lecture.pk)
    return render(
        request,
        "liaison/lecture_form.html",
        {"nav": NAV_LECTURES, "form": form, "title": f"安排点单：{req.org.name}", "req": req},
    )


@login_required
@require_POST
def request_decline(request: AuthedRequest, pk: int) -> HttpResponse:
    req = _request_or_404(request, pk)
    require_runs_for(request, req, "decline")
    form = DeclineForm(request.POST)
    form.is_valid()
    try:
        services.request_decline(request=req, reason=form.cleaned_data.get("reason", ""), by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已答复点单“{req.topic}”：暂不安排。")
    return redirect("liaison:requests")
