from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangjian.accounts.http import AuthedRequest

from .. import scoping, selectors
from ..menu import landing_for
from ..web.params import BadParameter


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


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 400 page (config.urls handler400): the reason in Chinese, e.g. a year out of range."""
    if isinstance(exception, BadParameter):
        message = exception.message
    else:
        message = "请求的参数或内容无法识别，请返回上一页重试。"
    return render(request, "core/400.html", {"message": message}, status=400)
