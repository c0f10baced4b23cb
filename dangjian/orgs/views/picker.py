"""The organization picker's search box, answered as the user types (orgs.picker)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import picker


@login_required
@require_GET
def org_pick(request: HttpRequest) -> HttpResponse:
    """Up to picker.MATCH_LIMIT organizations the user sees matching ?q= (name or code), as the
    picker's list; ?empty= names the choice that clears it (全部组织), offered first."""
    q = request.GET.get("q", "")
    found = picker.matches(request.user, q)
    context = {
        "q": q.strip()[:50],
        "found": found,
        "limit": picker.MATCH_LIMIT,
        "empty_label": request.GET.get("empty", "")[:20],
    }
    return render(request, "orgs/_picker_options.html", context)
