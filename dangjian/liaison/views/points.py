"""Liaison points: the list (records of liaison.points), a point with its visits, pairing, visits,
follow-ups, the visits list (records of liaison.visits) and the unvisited organizations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.selectors import default_org_for
from dangjian.core.web import attach_errors, flash_errors, wants_xlsx, xlsx_download
from dangjian.orgs.models import Organization

from .. import permissions, selectors, services
from ..forms import FollowUpCloseForm, PointEditForm, PointForm, VisitForm
from ..models import LiaisonPoint, Visit
from .common import NAV_POINTS, list_context, require_runner, require_runs_for, scope_and_year


def _point_or_404(request: AuthedRequest, pk: int) -> LiaisonPoint:
    qs = selectors.visible_points(request.user).select_related("cadre__org", "org")
    return scoping.get_visible_or_404(request, qs, pk=pk)


@login_required
def points(request: AuthedRequest) -> HttpResponse:
    org, year = scope_and_year(request, LiaisonPoint, "liaison:points")
    items = (
        selectors.points_with_counts(selectors.points_in(org, year), year).order_by("org__path", "started_on", "id")
        if org
        else LiaisonPoint.objects.none()
    )
    if wants_xlsx(request):
        # (visits_this_year and open_items are the annotations of points_with_counts)
        rows = [
            (p.cadre.name, p.cadre.job_title, p.org.name, p.started_on, p.ended_on or "长期",
             p.visits_this_year, p.open_items)  # type: ignore[attr-defined]
            for p in items
        ]  # fmt: skip
        return xlsx_download(
            request, title=f"联系点_{year}", target=LiaisonPoint, org=org, rows=rows,
            headers=["联系干部", "职务", "联系组织", "开始日期", "结束日期", f"{year}年走访次数", "未办结事项"],
        )  # fmt: skip
    return render(
        request, "liaison/points.html", {"nav": NAV_POINTS, "org": org, "year": year, **list_context(request, items)}
    )


@login_required
def point_new(request: AuthedRequest) -> HttpResponse:
    require_runner(request, LiaisonPoint, "liaison:point_new")
    committee = default_org_for(request.user)
    assert committee is not None  # committee staff oversee their committee
    form = PointForm(
        request.POST or None,
        cadres=selectors.cadre_choices(selectors.committee_of(committee)),
        orgs=selectors.visitable_orgs(request.user),
        initial={"started_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            point = services.point_create(**form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已建立联系点：{point}。")
            return redirect("liaison:point_detail", pk=point.pk)
    return render(request, "liaison/point_form.html", {"nav": NAV_POINTS, "form": form, "title": "新建联系点"})


@login_required
def point_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    point = _point_or_404(request, pk)
    visits = point.visits.prefetch_related("followups").order_by("-visited_on", "-id")
    return render(
        request,
        "liaison/point_detail.html",
        {
            "nav": NAV_POINTS,
            "point": point,
            "visits": visits,
            "open_items": selectors.open_followups(selectors.visible_points(request.user).filter(pk=point.pk)).count(),
            "can_run": permissions.runs_for(request.user, point.org),
            "visit_form": VisitForm(initial={"visited_on": timezone.localdate()}),
            "close_form": FollowUpCloseForm(),
        },
    )


@login_required
def point_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    point = _point_or_404(request, pk)
    require_runs_for(request, point, "edit")
    form = PointEditForm(
        request.POST or None, initial={"started_on": point.started_on, "ended_on": point.ended_on, "notes": point.notes}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.point_update(point=point, **form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已保存联系期限。")
            return redirect("liaison:point_detail", pk=point.pk)
    return render(
        request,
        "liaison/point_form.html",
        {"nav": NAV_POINTS, "form": form, "title": f"修改联系点：{point}", "point": point},
    )


@login_required
def visit_new(request: AuthedRequest, pk: int) -> HttpResponse:
    point = _point_or_404(request, pk)
    require_runs_for(request, point, "visit")
    form = VisitForm(request.POST or None, initial={"visited_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.visit_log(
                point=point, visited_on=data["visited_on"], found=data["found"], advised=data["advised"],
                followups=form.followup_items(), by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已记录 {data['visited_on']:%Y-%m-%d} 的走访。")
            return redirect("liaison:point_detail", pk=point.pk)
    return render(request, "liaison/visit_form.html", {"nav": NAV_POINTS, "form": form, "point": point})


@login_required
@require_POST
def followup_close(request: AuthedRequest, pk: int) -> HttpResponse:
    qs = selectors.visible_followups(request.user).select_related("visit__point__org", "visit__org")
    item = scoping.get_visible_or_404(request, qs, pk=pk)
    point = item.visit.point
    require_runs_for(request, point, "close_followup")
    form = FollowUpCloseForm(request.POST)
    form.is_valid()
    try:
        services.followup_close(item=item, note=form.cleaned_data.get("note", ""), by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已办结：{item.content}")
    return redirect("liaison:point_detail", pk=point.pk)


@login_required
def visits(request: AuthedRequest) -> HttpResponse:
    org, year = scope_and_year(request, Visit, "liaison:visits")
    items = (
        selectors.visits_in(org, year).select_related("point__cadre", "org").order_by("-visited_on", "-id")
        if org
        else Visit.objects.none()
    )
    if wants_xlsx(request):
        rows = [(v.visited_on, v.point.cadre.name, v.org.name, v.found, v.advised) for v in items]
        return xlsx_download(
            request, title=f"联系点走访记录_{year}", target=Visit, org=org, rows=rows,
            headers=["走访日期", "联系干部", "走访组织", "了解的情况和发现的问题", "提出的意见建议"],
        )  # fmt: skip
    return render(
        request, "liaison/visits.html", {"nav": NAV_POINTS, "org": org, "year": year, **list_context(request, items)}
    )


@login_required
def unvisited(request: AuthedRequest) -> HttpResponse:
    org, year = scope_and_year(request, Organization, "liaison:unvisited")
    if org is None:
        return render(request, "liaison/unvisited.html", {"nav": NAV_POINTS, "org": None, "year": year})
    found = selectors.unvisited_orgs(org, year)
    if wants_xlsx(request):
        rows = [(o.code, o.name, o.get_kind_display(), "有" if o.has_point else "无") for o in found.orgs]
        return xlsx_download(
            request, title=f"未走访组织_{year}", target=Organization, org=org, rows=rows, personal=False,
            headers=["组织编码", "组织名称", "组织类别", f"{year}年联系点"],
        )  # fmt: skip
    return render(
        request,
        "liaison/unvisited.html",
        {"nav": NAV_POINTS, "org": org, "year": year, "found": found, **list_context(request, found.orgs)},
    )
