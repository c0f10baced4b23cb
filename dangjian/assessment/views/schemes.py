"""Schemes: the list, a new year's scheme, a scheme's page, its settings, categories and indicators,
publishing and the next version."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.accounts.models import Role, User
from dangjian.core import scoping, tree
from dangjian.core.web import attach_errors, flash_errors

from .. import permissions, selectors, services
from ..forms import CategoryForm, IndicatorForm, SchemeForm, SchemeNewForm
from ..models import Component, Indicator, Scheme
from .common import NAV, category_or_404, indicator_or_404, require_user, result_set_or_none, scheme_or_404


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    require_user(request, "assessment")
    committees = permissions.committees_of(request.user)
    managed = [c for c in committees if permissions.manages(request.user, c)]
    return render(
        request,
        "assessment/home.html",
        {"nav": NAV, "schemes": selectors.schemes_for(request.user), "managed": managed,
         "form": SchemeNewForm(initial={"year": timezone.localdate().year, "copy": True}) if managed else None},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def scheme_new(request: AuthedRequest) -> HttpResponse:
    require_user(request, "scheme_new")
    managed = [c for c in permissions.committees_of(request.user) if permissions.manages(request.user, c)]
    if not managed:
        raise scoping.deny(request, Scheme, {"page": "scheme_new"}, exists=True)
    form = SchemeNewForm(request.POST or None, initial={"year": timezone.localdate().year, "copy": True})
    if request.method == "POST" and form.is_valid():
        year, committee = form.cleaned_data["year"], managed[0]
        try:
            if form.cleaned_data["copy"] and services.latest_version(committee, year - 1) is not None:
                scheme = services.scheme_copy(committee=committee, year=year, by=request.user)
            else:
                scheme = services.scheme_create(committee=committee, year=year, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已建立{scheme.title}（草稿），请检查指标和权重后发布。")
            return redirect("assessment:scheme_detail", pk=scheme.pk)
    return render(request, "assessment/scheme_new.html", {"nav": NAV, "form": form})


@login_required
@require_GET
def scheme_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = scheme_or_404(request, pk)
    can_manage = permissions.manages_scheme(request.user, scheme)
    categories = list(scheme.categories.prefetch_related("indicators"))
    by_component = [
        (Component(c).label, w, [cat for cat in categories if cat.component == c])
        for c, w in scheme.component_weights().items()
    ]
    versions = list(Scheme.objects.filter(committee=scheme.committee, year=scheme.year).order_by("-version"))
    return render(
        request,
        "assessment/scheme_detail.html",
        {
            "nav": NAV,
            "scheme": scheme,
            "components": by_component,
            "can_manage": can_manage,
            "is_assessor": permissions.is_assessor(request.user, scheme),
            "problems": [str(p) for p in services.publish_problems(scheme)]
            if can_manage and not scheme.is_published
            else [],
            "versions": versions,
            "latest": versions[0].pk == scheme.pk,
            "result_set": result_set_or_none(scheme),
            "category_form": CategoryForm() if can_manage and not scheme.is_published else None,
            "my_orgs": _my_orgs(request, scheme),
            "assessors": list(scheme.assessors.all()),
        },
    )  # fmt: skip


def _my_orgs(request: AuthedRequest, scheme: Scheme) -> list:  # type: ignore[type-arg]
    """The rated organizations at the top of the user's own (organization administrator) scopes."""
    if not scheme.is_published or permissions.manages_scheme(request.user, scheme):
        return []
    paths = tree.minimal_paths(scoping.scope_paths(request.user, (Role.ORG_ADMIN,)))
    return list(services.assessed_orgs(scheme).filter(path__in=paths))


def _staff_users(scheme: Scheme):  # type: ignore[no-untyped-def]
    paths = tree.ancestor_paths(scheme.committee.path)
    return (
        User.objects.filter(is_active=True, roles__role=Role.COMMITTEE_STAFF, roles__org__path__in=paths)
        .distinct()
        .order_by("username")
    )


@login_required
@require_http_methods(["GET", "POST"])
def scheme_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = scheme_or_404(request, pk, manage=True)
    initial = {n: getattr(scheme, n) for n in SchemeForm.base_fields if n != "assessors"}
    initial["assessors"] = list(scheme.assessors.all())
    form = SchemeForm(request.POST or None, initial=initial, staff=_staff_users(scheme))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = services.SchemeIn(
            title=d["title"], closing_on=d["closing_on"], weight_performance=d["weight_performance"],
            weight_party=d["weight_party"], weight_evaluation=d["weight_evaluation"],
            excellent_from=d["excellent_from"], good_from=d["good_from"], fair_from=d["fair_from"],
            room_gate_cap=d["room_gate_cap"], election_gate_cap=d["election_gate_cap"],
            notice_working_days=d["notice_working_days"], assessors=list(d["assessors"]),
        )  # fmt: skip
        try:
            services.scheme_update(scheme=scheme, data=data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已保存方案设置。")
            return redirect("assessment:scheme_detail", pk=scheme.pk)
    return render(request, "assessment/scheme_form.html", {"nav": NAV, "form": form, "scheme": scheme})


@login_required
@require_POST
def category_new(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = scheme_or_404(request, pk, manage=True)
    form = CategoryForm(request.POST)
    if form.is_valid():
        try:
            services.category_add(scheme=scheme, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            flash_errors(request, e)
        else:
            messages.success(request, "已增加考核类目。")
    else:
        messages.error(request, "请选择考核类别并填写类目名称。未保存任何内容。")
    return redirect("assessment:scheme_detail", pk=scheme.pk)


def _indicator_in(d: dict) -> services.IndicatorIn:  # type: ignore[type-arg]
    return services.IndicatorIn(
        name=d["name"], description=d.get("description") or "", weight=d["weight"], max_points=d["max_points"],
        source=d["source"], rule=d["rule"], metric_key=d.get("metric_key") or "", target=d.get("target"),
        per_unit=d.get("per_unit"), per_member=bool(d.get("per_member")),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def indicator_new(request: AuthedRequest, pk: int) -> HttpResponse:
    category = category_or_404(request, pk)
    form = IndicatorForm(request.POST or None, initial={"weight": Decimal(10), "max_points": Decimal(10)})
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_add(category=category, data=_indicator_in(form.cleaned_data), by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已增加考核指标。")
            return redirect("assessment:scheme_detail", pk=category.scheme_id)
    return render(
        request, "assessment/indicator_form.html",
        {"nav": NAV, "form": form, "scheme": category.scheme, "category": category, "indicator": None},
    )  # fmt: skip


def _managed_indicator(request: AuthedRequest, pk: int) -> Indicator:
    indicator = indicator_or_404(request, pk)
    if not permissions.manages_scheme(request.user, indicator.category.scheme):
        raise scoping.deny(request, Indicator, {"pk": pk, "action": "manage"}, exists=True)
    return indicator


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    indicator = _managed_indicator(request, pk)
    initial = {n: getattr(indicator, n) for n in IndicatorForm.base_fields}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(indicator=indicator, data=_indicator_in(form.cleaned_data), by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已保存考核指标。")
            return redirect("assessment:scheme_detail", pk=indicator.category.scheme_id)
    return render(
        request, "assessment/indicator_form.html",
        {"nav": NAV, "form": form, "scheme": indicator.category.scheme, "category": indicator.category,
         "indicator": indicator},
    )  # fmt: skip


@login_required
@require_POST
def indicator_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    indicator = _managed_indicator(request, pk)
    try:
        services.indicator_remove(indicator=indicator, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已删除指标“{indicator.name}”。")
    return redirect("assessment:scheme_detail", pk=indicator.category.scheme_id)


@login_required
@require_POST
def category_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    category = category_or_404(request, pk)
    try:
        count = services.category_remove(category=category, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已删除类目“{category.name}”及其 {count} 项指标。")
    return redirect("assessment:scheme_detail", pk=category.scheme_id)


@login_required
@require_POST
def scheme_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = scheme_or_404(request, pk, manage=True)
    try:
        services.scheme_publish(scheme=scheme, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "方案已发布；此后如需修改，请发布新版本。")
    return redirect("assessment:scheme_detail", pk=scheme.pk)


@login_required
@require_POST
def scheme_revise(request: AuthedRequest, pk: int) -> HttpResponse:
    scheme = scheme_or_404(request, pk, manage=True)
    try:
        new = services.scheme_revise(scheme=scheme, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
        return redirect("assessment:scheme_detail", pk=scheme.pk)
    messages.success(request, f"已生成第{new.version}版草稿，第{scheme.version}版保留不变。")
    return redirect("assessment:scheme_detail", pk=new.pk)
