"""The module's landing page: a member's open activities and hours; an overseer's overview."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core import registry, scoping
from dangjian.core.selectors import default_org_for

from .. import selectors
from ..models import ParticipationStatus, Volunteer
from .common import NAV

OPEN_ON_HOME = 10
FIGURE_KEYS = ("volunteer.brigades", "volunteer.activities", "volunteer.participations", "volunteer.hours")


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    year = selectors.this_year()
    member = selectors.person_of(user)
    context: dict = {"nav": NAV, "year": year, "member": member}
    if member is not None:
        volunteer = Volunteer.objects.filter(member=member).select_related("team__brigade").first()
        context.update(
            volunteer=volunteer,
            open_activities=list(selectors.open_activities(user)[:OPEN_ON_HOME]),
            summary=selectors.hours_summary(volunteer, year),
            upcoming=list(
                volunteer.participations.filter(
                    status__in=[ParticipationStatus.CONFIRMED, ParticipationStatus.WAITING],
                    activity__starts_at__gte=timezone.now(),
                )
                .select_related("activity")
                .order_by("activity__starts_at")[:10]
            )
            if volunteer
            else [],
        )
    org = default_org_for(user)
    if org is not None:
        metrics = {m.key: m for m in registry.metrics()}
        context["figures"] = [
            {"metric": metrics[key], "value": registry.value(key, org, year)} for key in FIGURE_KEYS if key in metrics
        ]
        context["org"] = org
    context["manages"] = org is not None or selectors.managed_activities(user).exists()
    context["is_staff"] = scoping.is_committee_staff(user)
    return render(request, "volunteer/home.html", context)
