"""Remittances of an organization's dues to the upper level: the list for a year, recording, confirming, cancelling."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors

from .. import permissions, selectors, services
from ..forms import RemittanceForm
from ..models import Remittance
from ..services.remittances import parent_of
from .common import NAV, filter_orgs, org_and_year, remittance_or_404, require_keeper


def can_confirm(user: object, remittance: Remittance) -> bool:
    """The upper level confirms: whoever keeps the dues of the remitting organization's parent."""
    parent = parent_of(remittance.org)
    return parent is not None and permissions.can_keep(user, parent)


@login_required
@require_http_methods(["GET", "POST"])
def remittances(request: AuthedRequest) -> HttpResponse:
    require_keeper(request, "dues_remittances")
    org, year = org_and_year(request)
    form = RemittanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.remittance_record(
                org=org, year=year, first_month=d["first_month"], last_month=d["last_month"], amount=d["amount"],
                remitted_on=d["remitted_on"], to_org_name=d["to_org_name"], note=d["note"], by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已登记党费上缴。")
            return redirect(reverse("dues:remittances") + f"?org={org.code}&year={year}")
    rows = list(
        scoping.in_subtree(selectors.visible_remittances(request.user), org)
        .filter(year=year)
        .select_related("org")
        .order_by("org__path", "first_month", "id")
    )
    book = selectors.ledger(org, year)
    return render(
        request,
        "dues/remittances.html",
        {"nav": NAV, "org": org, "year": year, "form": form, "rows": [(r, can_confirm(request.user, r)) for r in rows],
         "orgs": filter_orgs(request), "book": book},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


def _change(request: AuthedRequest, pk: int, *, confirm: bool) -> HttpResponse:
    remittance = remittance_or_404(request, pk)
    allowed = can_confirm(request.user, remittance) if confirm else permissions.can_keep(request.user, remittance.org)
    if not allowed:
        raise scoping.deny(request, Remittance, {"pk": pk, "action": "change"}, exists=True, org=remittance.org_id)
    try:
        if confirm:
            services.remittance_confirm(remittance=remittance, by=request.user)
        else:
            services.remittance_cancel(remittance=remittance, by=request.user)
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        messages.success(request, "已确认收到上缴党费。" if confirm else "已撤销该上缴记录。")
    return redirect(reverse("dues:remittances") + f"?org={remittance.org.code}&year={remittance.year}")


@login_required
@require_POST
def remittance_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    return _change(request, pk, confirm=True)


@login_required
@require_POST
def remittance_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    return _change(request, pk, confirm=False)
