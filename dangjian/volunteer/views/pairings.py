"""Community pairing (结对共建): the list and its export, a new agreement, one agreement with its activities."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors, xlsx_download

from .. import selectors, services
from ..forms import PairingForm
from ..models import ActivityStatus, Brigade, Pairing
from .common import NAV


def _pairings(request: AuthedRequest):
    pairings = selectors.visible_pairings(request.user)
    if not scoping.can_see_orgs(request.user) and not pairings.exists():
        raise scoping.deny(request, Pairing, {"page": "pairings"}, exists=True)
    return pairings.annotate(
        activity_count=Count("activities", filter=Q(activities__status=ActivityStatus.PUBLISHED))
    ).order_by("brigade__org__path", "-signed_on")


@login_required
@require_GET
def pairing_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "volunteer/pairing_list.html",
        {"nav": NAV, "pairings": _pairings(request), "can_create": scoping.can_see_orgs(request.user)},
    )


PAIRING_HEADERS = ["支队", "所属党组织", "共建社区", "社区联系人", "签订日期", "到期日期", "共建内容", "活动次数"]


@login_required
@require_GET
def pairing_export(request: AuthedRequest) -> HttpResponse:
    rows = [
        (p.brigade.name, p.brigade.org.name, p.community, p.community_contact, p.signed_on, p.ends_on, p.content,
         p.activity_count)
        for p in _pairings(request)
    ]  # fmt: skip
    return xlsx_download(request, title="结对共建", headers=PAIRING_HEADERS, rows=rows, target=Pairing)


@login_required
def pairing_new(request: AuthedRequest) -> HttpResponse:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Pairing, {"page": "pairing_new"}, exists=True)
    brigades = scoping.scoped_by_org(request.user, Brigade.objects.filter(dissolved_on__isnull=True))
    form = PairingForm(request.POST or None, brigades=brigades.order_by("org__path", "name"))
    if request.method == "POST" and form.is_valid():
        try:
            pairing = services.pairing_save(**form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已登记{pairing.brigade.name}与{pairing.community}的结对共建。")
            return redirect("volunteer:pairing_detail", pk=pairing.pk)
    return render(request, "volunteer/pairing_form.html", {"nav": NAV, "form": form})


@login_required
@require_GET
def pairing_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    pairing = scoping.get_visible_or_404(request, selectors.visible_pairings(request.user), pk=pk)
    activities = selectors.with_counts(pairing.activities.all()).order_by("-starts_at")
    return render(request, "volunteer/pairing_detail.html", {"nav": NAV, "pairing": pairing, "activities": activities})
