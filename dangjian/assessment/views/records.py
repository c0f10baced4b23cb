"""The records behind the figure (?org=CODE&year=YYYY): exactly the rows the figure counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import export_query, page_query, paginate, wants_xlsx, xlsx_download

from .. import selectors
from ..models import OrgResult
from .common import NAV, require_user


@login_required
@require_GET
def records_rated(request: AuthedRequest) -> HttpResponse:
    require_user(request, "records_rated")
    org, year = org_and_year_from(request, request.GET)
    rows = OrgResult.objects.none()
    if org is not None:
        rows = selectors.rated_in(org, year).select_related("org", "result_set__scheme").order_by("rank", "org__path")
    if wants_xlsx(request):
        return xlsx_download(
            request,
            title=f"完成考核评定的党组织_{year}",
            headers=["党组织", "考核方案", "综合得分", "等次", "排名"],
            rows=[(r.org.name, str(r.result_set.scheme), r.score, r.get_grade_display(), r.rank) for r in rows],
            target=OrgResult,
            org=org,
            personal=False,
        )
    return render(
        request,
        "assessment/records_rated.html",
        {"nav": NAV, "org": org, "year": year, "page": paginate(request, rows), "total": rows.count(),
         "query": page_query(request), "export_query": export_query(request)},
    )  # fmt: skip
