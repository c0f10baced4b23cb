from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from dangjian.accounts.http import AuthedRequest

from . import scoping, selectors
from .menu import landing_for


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """Each user's first page, as the apps' manifests declare it (三员 to their own workspaces)."""
    landing = landing_for(request.user)
    if landing:
        return redirect(landing)
    return render(request, "core/no_role.html")


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, request.user.__class__, {"page": "dashboard"}, exists=True)
    org, year = selectors.org_and_year_from(request, request.GET)
    return render(request, "core/dashboard.html", selectors.dashboard_context(request.user, org, year))
