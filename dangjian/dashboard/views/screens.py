"""Display links (大屏链接): the page where committee staff make, list and revoke them, and the
full-screen display itself, opened by a link's signed address without a login."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.accounts.models import SCOPE_ROLES
from dangjian.core import scoping
from dangjian.core.db_router import reading_from_replica
from dangjian.core.web import attach_errors, flash_errors, page_query, paginate, year_param

from .. import permissions, selectors, services
from ..conf import DashboardSettings
from ..forms import SCREEN_ORGS, ScreenLinkForm
from ..models import ScreenLink
from .common import NAV_SCREENS, require_screen_manager, require_viewer

GONE = "该大屏链接已撤销或已过期，请联系工委工作人员重新生成。"


@login_required
@require_http_methods(["GET", "POST"])
def screens(request: HttpRequest) -> HttpResponse:
    """The display links of the user's committee, made and revoked here by its staff.

    ?org=CODE&year=YYYY: the records behind the screens.links figure (links made that year in the
    subtree), which organization administrators may read too, without the addresses.
    """
    code = (request.GET.get("org") or "").strip()
    manages = permissions.manages_screens(request.user)
    if code and not manages:
        require_viewer(request, "screens")
    else:
        require_screen_manager(request, "screens")
    form = None
    if manages:
        form = ScreenLinkForm(request.POST or None, orgs=SCREEN_ORGS.orgs(request.user).order_by("path"))
        if request.method == "POST" and form.is_valid():
            try:
                link = services.screen_link_create(
                    org=form.cleaned_data["org"], name=form.cleaned_data["name"], days=form.cleaned_data["days"],
                    by=request.user,
                )  # fmt: skip
            except ValidationError as e:
                attach_errors(form, e)
            else:
                until = timezone.localtime(link.expires_at)
                messages.success(request, f"已生成大屏链接“{link.name}”，有效期至 {until:%Y-%m-%d %H:%M}。")
                return redirect(f"{reverse('dashboard:screens')}?new={link.pk}")
    elif request.method == "POST":
        raise scoping.deny(request, ScreenLink, {"page": "screens", "action": "create"}, exists=True)
    links = selectors.visible_links(request.user, roles=permissions.STAFF if manages else SCOPE_ROLES)
    org, year = None, None
    if code:
        org = scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=code)
        year = year_param(request.GET)
        links = links.filter(pk__in=selectors.links_in(org, year).values("pk"))
    page = paginate(request, links)
    rows = [
        (link, request.build_absolute_uri(reverse("dashboard:screen", args=[link.token])) if manages else "")
        for link in page
    ]
    return render(
        request,
        "dashboard/screens.html",
        {
            "nav": NAV_SCREENS,
            "form": form,
            "manages": manages,
            "page": page,
            "rows": rows,
            "total": page.paginator.count,
            "org": org,
            "year": year,
            "new": request.GET.get("new", ""),
            "query": page_query(request),
        },
    )


@login_required
@require_POST
def screen_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    require_screen_manager(request, "screen_revoke")
    link = scoping.get_visible_or_404(request, selectors.visible_links(request.user), pk=pk)
    try:
        services.screen_link_revoke(link=link, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已撤销大屏链接“{link.name}”，该链接即刻失效。")
    return redirect("dashboard:screens")


def _live_link(token: str) -> tuple[ScreenLink | None, int]:
    """The link TOKEN opens and the status to answer: 200, 404 (never was) or 410 (revoked, expired)."""
    link = selectors.link_for_token(token)
    if link is None:
        return None, 404
    return link, (200 if link.is_live() else 410)


@require_GET
@reading_from_replica()
def screen(request: HttpRequest, token: str) -> HttpResponse:
    """The full-screen display: no login, no menu, read-only, the link's subtree only."""
    link, status = _live_link(token)
    if link is None or status != 200:
        response = render(request, "dashboard/screen_gone.html", {"message": GONE}, status=status)
    else:
        today = timezone.localdate()
        response = render(
            request,
            "dashboard/screen.html",
            {
                "link": link,
                "data": selectors.board(link.org, today.year, today=today, links=False),
                "refresh": DashboardSettings.current().screen_refresh_seconds,
                "data_url": reverse("dashboard:screen_data", args=[token]),
            },
        )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
@reading_from_replica()
def screen_data(request: HttpRequest, token: str) -> JsonResponse:
    """The display's figures, reloaded by the screen every `screen_refresh_seconds`."""
    link, status = _live_link(token)
    if link is None or status != 200:
        response = JsonResponse({"detail": GONE}, status=status)
    else:
        today = timezone.localdate()
        response = JsonResponse(selectors.board(link.org, today.year, today=today, links=False))
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
