"""Re-evaluation of a listed brand (decide, confirm after the notice, withdraw) and exchange events."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors, flash_errors

from .. import permissions, selectors, services
from ..forms import ExchangeForm, ReevaluationForm, WithdrawForm
from ..models import LISTED, Reevaluation
from .common import NAV, brand_or_404, require_overseer, require_staff


@login_required
@require_http_methods(["GET", "POST"])
def reevaluate(request: AuthedRequest, pk: int) -> HttpResponse:
    brand = brand_or_404(request, pk, decide=True)
    form = ReevaluationForm(request.POST or None, initial={"year": timezone.localdate().year, "outcome": "keep"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            reeval = services.reevaluation_decide(
                brand=brand,
                year=d["year"],
                outcome=d["outcome"],
                reasons=d["reasons"],
                probation_until=d["probation_until"],
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            if reeval.notice_ends_on:
                messages.success(
                    request, f"复评结论已公示，公示期至 {reeval.notice_ends_on:%Y-%m-%d}，期满后确认生效。"
                )
            else:
                messages.success(request, "复评结论已生效。")
            return redirect("brands:brand_detail", pk=brand.pk)
    return render(request, "brands/reevaluate.html", {"nav": NAV, "brand": brand, "form": form})


def _reeval_or_404(request: AuthedRequest, pk: int) -> Reevaluation:
    qs = scoping.scoped_by_org(request.user, Reevaluation.objects.select_related("brand__org"), "brand__org")
    reeval = scoping.get_visible_or_404(request, qs, pk=pk)
    brand_or_404(request, reeval.brand_id, decide=True)
    return reeval


@login_required
@require_POST
def reeval_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    reeval = _reeval_or_404(request, pk)
    try:
        services.reevaluation_confirm(reevaluation=reeval, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"“{reeval.get_outcome_display()}”已生效。")
    return redirect("brands:brand_detail", pk=reeval.brand_id)


@login_required
@require_POST
def reeval_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    reeval = _reeval_or_404(request, pk)
    form = WithdrawForm(request.POST)
    try:
        services.reevaluation_withdraw(reevaluation=reeval, reason=request.POST.get("reason", ""), by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "已撤回复评结论。")
    del form
    return redirect("brands:brand_detail", pk=reeval.brand_id)


@login_required
@require_GET
def exchange_list(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "exchanges")
    events = selectors.visible_exchanges(request.user).prefetch_related("presentations__brand__org")
    return render(
        request,
        "brands/exchange_list.html",
        {"nav": "brands_exchanges", "events": events, "can_add": permissions.is_staff(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def exchange_new(request: AuthedRequest) -> HttpResponse:
    require_staff(request, "exchange_new")
    committee = permissions.staff_committees(request.user)[0]
    brands = (
        selectors.visible_brands(request.user).filter(status__in=LISTED).select_related("org").order_by("org__path")
    )
    form = ExchangeForm(request.POST or None, brands=brands)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.exchange_record(
                committee=committee,
                kind=d["kind"],
                title=d["title"],
                held_on=d["held_on"],
                place=d["place"],
                attendees=d["attendees"],
                counts_in_training=d["counts_in_training"],
                note=d["note"],
                presenters=[(b, request.POST.get(f"topic_{b.pk}", "")) for b in d["presenters"]],
                by=request.user,
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已记录培训交流活动。")
            return redirect("brands:exchanges")
    return render(
        request,
        "brands/simple_form.html",
        {"nav": "brands_exchanges", "form": form, "title": "记录品牌培训交流活动", "back": "brands:exchanges"},
    )
