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
    picker's list; ?empty= names the choice that clears it (全部组织), offered first; ?scope= (signed
    by a form's picker) narrows them to that field's organizations; ?value=pk makes each choice put
    the organization's pk into the form instead of its code."""
    q = request.GET.get("q", "")
    scope = picker.Scope.from_token(request.GET.get("scope", ""))
    found = picker.matches(request.user, q, scope=scope) if scope is not None else []
    context = {
        "q": q.strip()[:50],
        "found": found,
        "limit": picker.MATCH_LIMIT,
        "empty_label": request.GET.get("empty", "")[:20],
        "by_pk": request.GET.get("value") == "pk",
    }
    return render(request, "orgs/_picker_options.html", context)
