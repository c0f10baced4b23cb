from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dangjian.accounts.models import Role

from . import registry, scoping
from .selectors import org_and_year_from


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from dangjian.accounts.permissions import home_for_administrator

    workspace = home_for_administrator(request.user)  # 三员 go to their own pages
    if workspace:
        return redirect(workspace)
    if scoping.can_see_orgs(request.user):
        return redirect("core:dashboard")
    if request.user.person_id:
        return redirect("people:detail", pk=request.user.person_id)
    if scoping.has_role(request.user, Role.EDITOR) or scoping.has_role(request.user, Role.REVIEWER):
        return redirect("publicity:home")
    return render(request, "core/no_role.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, request.user.__class__, {"page": "dashboard"}, exists=True)
    org, year = org_and_year_from(request, request.GET)
    figures = []
    if org is not None:
        values = registry.compute(org, year)
        for metric in registry.metrics():
            link = ""
            if metric.records_url:
                link = f"{reverse(metric.records_url)}?org={org.code}&year={year}"
            figures.append({"metric": metric, "value": values[metric.key], "link": link})
    orgs = scoping.visible_orgs(request.user).filter(depth__lte=2).order_by("path")
    return render(
        request,
        "core/dashboard.html",
        {"org": org, "year": year, "figures": figures, "org_choices": orgs, "years": range(year + 1, year - 6, -1)},
    )
