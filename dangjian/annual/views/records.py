"""The records behind the app's figure: reports of the year sent to the publicity workflow."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from dangjian.accounts.http import AuthedRequest
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import paginate

from .. import selectors
from ..models import AnnualReport
from .common import NAV, require_reader


@login_required
def records_sent(request: AuthedRequest) -> HttpResponse:
    require_reader(request, "annual:records_sent")
    org, year = org_and_year_from(request, request.GET)
    items = selectors.sent_in(org, year).order_by("org__path") if org else AnnualReport.objects.none()
    return render(
        request, "annual/records_sent.html", {"nav": NAV, "org": org, "year": year, "page": paginate(request, items)}
    )
