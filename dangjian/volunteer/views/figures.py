"""The service records behind volunteer.participations and volunteer.hours, and the rankings by hours.

Both read ?org=CODE&year=YYYY (org out of reach: a recorded 404); both export to .xlsx.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, QuerySet, Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import paginate, xlsx_download

from .. import selectors
from ..models import ServiceRecord, Team, Volunteer
from .common import NAV, require_overseer

PAGE_SIZE = 50
RANKING_SIZE = 100


def _records(request: AuthedRequest, page: str) -> tuple[QuerySet[ServiceRecord], Any, int]:
    require_overseer(request, page)
    org, year = org_and_year_from(request, request.GET)
    if org is None:
        return ServiceRecord.objects.none(), None, year
    # ORG is one the user oversees (else org_and_year_from raised a recorded 404), and so is its subtree.
    return selectors.records_in(org, year), org, year


@login_required
@require_GET
def records(request: AuthedRequest) -> HttpResponse:
    records, org, year = _records(request, "records")
    totals = records.aggregate(n=Count("pk"), h=Sum("hours"), people=Count("volunteer_id", distinct=True))
    page = paginate(
        request, records.select_related("volunteer__member", "brigade", "team").order_by("-served_on", "-id"), PAGE_SIZE
    )
    return render(
        request,
        "volunteer/records.html",
        {
            "nav": NAV,
            "org": org,
            "year": year,
            "page": page,
            "totals": totals,
            "query": f"org={org.code if org else ''}&year={year}",
        },
    )


RECORD_HEADERS = [
    "服务日期",
    "姓名",
    "志愿者编号",
    "服务内容",
    "服务地点",
    "支队",
    "分队",
    "服务时长（小时）",
    "记录时间",
]


@login_required
@require_GET
def records_export(request: AuthedRequest) -> HttpResponse:
    records, org, year = _records(request, "records_export")
    rows = [
        (r.served_on, r.volunteer.member.name, r.volunteer.number, r.content, r.place, r.brigade.name,
         r.team.name if r.team else "", r.hours, r.recorded_at.date())
        for r in records.select_related("volunteer__member", "brigade", "team").order_by("served_on", "id")
    ]  # fmt: skip
    return xlsx_download(
        request, title=f"{year}年志愿服务记录", headers=RECORD_HEADERS, rows=rows, target=ServiceRecord, org=org
    )


@login_required
@require_GET
def rankings(request: AuthedRequest) -> HttpResponse:
    records, org, year = _records(request, "rankings")
    return render(
        request,
        "volunteer/rankings.html",
        {
            "nav": NAV,
            "org": org,
            "year": year,
            "teams": list(selectors.team_ranking(records)[:RANKING_SIZE]),
            "people": list(selectors.volunteer_ranking(records)[:RANKING_SIZE]),
            "query": f"org={org.code if org else ''}&year={year}",
        },
    )


TEAM_RANKING_HEADERS = ["名次", "分队", "支队", "服务时长（小时）", "服务人次", "参与人数"]
PEOPLE_RANKING_TITLE = "%d年志愿者服务时长排行"
PEOPLE_RANKING_HEADERS = ["名次", "姓名", "志愿者编号", "所在组织", "服务时长（小时）", "服务次数"]


@login_required
@require_GET
def ranking_teams_export(request: AuthedRequest) -> HttpResponse:
    records, org, year = _records(request, "ranking_teams_export")
    rows = [
        (i, r["team__name"], r["brigade__name"], r["hours"], r["times"], r["people"])
        for i, r in enumerate(selectors.team_ranking(records), start=1)
    ]
    return xlsx_download(
        request, title=f"{year}年分队服务时长排行", headers=TEAM_RANKING_HEADERS, rows=rows, target=Team, org=org,
        personal=False,
    )  # fmt: skip


@login_required
@require_GET
def ranking_people_export(request: AuthedRequest) -> HttpResponse:
    records, org, year = _records(request, "ranking_people_export")
    rows = [
        (i, r["volunteer__member__name"], r["volunteer__number"], r["volunteer__member__org__name"], r["hours"],
         r["times"])
        for i, r in enumerate(selectors.volunteer_ranking(records), start=1)
    ]  # fmt: skip
    return xlsx_download(
        request, title=PEOPLE_RANKING_TITLE % year, headers=PEOPLE_RANKING_HEADERS, rows=rows, target=Volunteer, org=org
    )
