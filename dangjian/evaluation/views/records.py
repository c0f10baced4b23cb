"""The records behind evaluation.score and evaluation.reports, with their exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from dangjian.accounts.http import AuthedRequest
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import export_query, paginate, wants_xlsx, xlsx_download

from .. import selectors
from ..models import Subject
from .common import NAV, require_overseer


@login_required
def scores(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "evaluation:records_scores")
    org, year = org_and_year_from(request, request.GET)
    items = selectors.scores_in(org, year) if org else Subject.objects.none()
    if wants_xlsx(request):
        rows = [
            (s.org.name, s.secretary_name, s.votes_good, s.votes_fairly_good, s.votes_average, s.votes_poor,
             s.score, s.get_grade_display(), s.round.title)
            for s in items
        ]  # fmt: skip
        return xlsx_download(
            request, title=f"述职评议结果_{year}", target=Subject, org=org, rows=rows,
            headers=["党组织", "书记", "好", "较好", "一般", "差", "得分", "评议结果", "评议"],
        )  # fmt: skip
    return render(
        request,
        "evaluation/records_scores.html",
        {"nav": NAV, "org": org, "year": year, "page": paginate(request, items), "export": export_query(request)},
    )


@login_required
def reports(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "evaluation:records_reports")
    org, year = org_and_year_from(request, request.GET)
    items = selectors.reports_in(org, year) if org else Subject.objects.none()
    return render(
        request,
        "evaluation/records_reports.html",
        {"nav": NAV, "org": org, "year": year, "page": paginate(request, items)},
    )
