"""An organization's dues keepers (收缴员): appointed and revoked by its administrators or committee staff."""

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
from ..forms import KeeperForm
from ..models import DuesKeeper
from .common import NAV, filter_orgs, org_and_year, require_keeper


@login_required
@require_http_methods(["GET", "POST"])
def keepers(request: AuthedRequest) -> HttpResponse:
    require_keeper(request, "dues_keepers")
    org, year = org_and_year(request)
    can_appoint = permissions.can_appoint_keeper(request.user, org)
    if request.method == "POST" and not can_appoint:
        raise scoping.deny(request, DuesKeeper, {"org": org.code, "action": "appoint"}, exists=True, org=org.pk)
    form = KeeperForm(request.POST or None, users=selectors.keeper_candidates(org))
    if request.method == "POST" and form.is_valid():
        try:
            services.keeper_appoint(org=org, user=form.cleaned_data["user"], by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已指定{org.name}的党费收缴员。")
            return redirect(reverse("dues:keepers") + f"?org={org.code}")
    rows = scoping.in_subtree(selectors.keepers_in(request.user), org).order_by("status", "org__path", "id")
    return render(
        request,
        "dues/keepers.html",
        {"nav": NAV, "org": org, "year": year, "form": form, "rows": rows, "can_appoint": can_appoint,
         "orgs": filter_orgs(request)},
        status=400 if request.method == "POST" else 200,
    )  # fmt: skip


@login_required
@require_POST
def keeper_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    require_keeper(request, "dues_keeper_revoke")
    keeper = scoping.get_visible_or_404(request, selectors.keepers_in(request.user), pk=pk)
    if not permissions.can_appoint_keeper(request.user, keeper.org):
        raise scoping.deny(request, DuesKeeper, {"pk": pk, "action": "revoke"}, exists=True, org=keeper.org_id)
    try:
        services.keeper_revoke(keeper=keeper, by=request.user)
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
    else:
        messages.success(request, "已撤销该党费收缴员。")
    return redirect(reverse("dues:keepers") + f"?org={keeper.org.code}")
