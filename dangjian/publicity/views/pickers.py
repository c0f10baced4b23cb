"""The organization picker's search (htmx): the matches of what was typed, as <option>s."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.accounts.models import SCOPE_ROLES
from dangjian.orgs.models import Organization

from .. import permissions, selectors
from ..conf import PublicitySettings

# ?roles= of the picker: whose organizations it offers (those one writes for; those one oversees).
ROLES = {"write": permissions.WRITERS, "see": SCOPE_ROLES}


@login_required
@require_GET
def org_search(request: AuthedRequest) -> HttpResponse:
    roles = ROLES.get(request.GET.get("roles", ""), permissions.WRITERS)
    permissions.require(request, roles, Organization, "publicity:org_search")
    limit = PublicitySettings.current().org_picker_limit
    orgs = selectors.org_matches(user=request.user, roles=roles, q=request.GET.get("q", ""), limit=limit + 1)
    return render(
        request,
        "publicity/org_options.html",
        {
            "orgs": orgs[:limit],
            "more": len(orgs) > limit,
            "limit": limit,
            "by_code": request.GET.get("value") == "code",
        },
    )
