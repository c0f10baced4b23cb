"""The volunteer API (/api/v1/volunteer): activities, sign-up and cancellation, one's own hours,
the brigade overview and the rankings.

Scoped like the pages (a recorded 404 for anything out of reach). Sign-up and
cancellation call the same services as the pages, so the same row lock keeps
an activity from being overbooked whichever way the requests come in.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import OperationalError
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.api import ApiId, ApiText, answers
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import ApiOffset, ApiYear, error_text
from dangjian.people.models import Member

from . import selectors, services
from .models import Activity, Brigade, Participation, ServiceRecord, Volunteer
from .services.signup import waiting_position
from .views.common import activity_or_404
from .views.signup import BUSY

router = Router(tags=["志愿服务"])

MAX_LIMIT = 100


class VolunteerActivityOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    signup_deadline: dt.datetime
    places: int
    taken: int = Field(description="已获得名额的人数")
    waiting: int = Field(description="候补人数")
    status: str
    brigade: str
    requirements: str

    @staticmethod
    def resolve_kind_label(obj: Activity) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_brigade(obj: Activity) -> str:
        return obj.brigade.name


class VolunteerActivityPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[VolunteerActivityOut]


class VolunteerActivityListQuery(Schema):
    scope: ApiText = Field("open", description="open：正在招募的活动（党员）；managed：本人组织或管理的活动（含草稿）")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: ApiOffset = 0


class VolunteerParticipationOut(Schema):
    activity_id: int
    status: str = Field(description="confirmed 已获得名额 / waiting 候补 / cancelled 已取消")
    waiting_position: int | None = Field(None, description="候补位次，1 为第一位")
    signed_up_at: dt.datetime
    checked_in_at: dt.datetime | None = None
    checked_out_at: dt.datetime | None = None
    hours: Decimal | None = None


class VolunteerSignupOut(VolunteerParticipationOut):
    message: str


@router.get(
    "/activities", response=answers(VolunteerActivityPage, 422), summary="活动列表：正在招募的，或本人组织管理的"
)
def volunteer_activity_list(request: AuthedRequest, query: Query[VolunteerActivityListQuery]):
    if query.scope == "managed":
        qs = selectors.with_counts(selectors.managed_activities(request.user)).order_by("-starts_at", "-id")
    else:
        qs = selectors.open_activities(request.user)
    return {
        "count": qs.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": list(qs[query.offset : query.offset + query.limit]),
    }


class VolunteerActivityDetailOut(VolunteerActivityOut):
    mine: VolunteerParticipationOut | None = Field(None, description="本人的报名情况")


def _participation_out(p: Participation) -> dict[str, Any]:
    return {
        "activity_id": p.activity_id,
        "status": p.status,
        "waiting_position": waiting_position(p),
        "signed_up_at": p.signed_up_at,
        "checked_in_at": p.checked_in_at,
        "checked_out_at": p.checked_out_at,
        "hours": p.hours,
    }


@router.get(
    "/activities/{activity_id}",
    response=answers(VolunteerActivityDetailOut, 404, 422),
    summary="一个活动，含本人的报名情况",
)
def volunteer_activity_get(request: AuthedRequest, activity_id: ApiId):
    activity_or_404(request, activity_id)
    activity = selectors.with_counts(Activity.objects.filter(pk=activity_id)).get()
    mine = selectors.participation_of(activity, selectors.person_of(request.user))
    out = VolunteerActivityDetailOut.from_orm(activity)
    out.mine = VolunteerParticipationOut(**_participation_out(mine)) if mine else None
    return out


def _member_or_404(request: AuthedRequest, activity: Activity, action: str) -> Member:
    member = selectors.person_of(request.user)
    if member is None:
        raise scoping.deny(request, Activity, {"pk": activity.pk, "action": action}, exists=True, org=activity.org_id)
    return member


@router.post(
    "/activities/{activity_id}/signup",
    response=answers(VolunteerSignupOut, 400, 403, 404, 422, 503),
    summary="报名（名额已满时进入候补名单；并发报名不会超员）",
)
def volunteer_signup(request: AuthedRequest, activity_id: ApiId):
    activity = activity_or_404(request, activity_id)
    member = _member_or_404(request, activity, "signup")
    try:
        result = services.signup(activity_id=activity.pk, member=member)
    except services.SignupError as e:
        return Status(400, {"detail": error_text(e), "code": e.code})
    except OperationalError:  # SQLite gave up waiting for the write lock: nothing was written, try again
        return Status(503, {"detail": BUSY})
    return Status(200, {**_participation_out(result.participation), "message": result.message})


@router.post(
    "/activities/{activity_id}/cancel",
    response=answers(list[VolunteerParticipationOut], 400, 403, 404, 422, 503),
    summary="取消本人报名；返回因此递补获得名额的报名",
)
def volunteer_withdraw(request: AuthedRequest, activity_id: ApiId):
    activity = activity_or_404(request, activity_id)
    member = _member_or_404(request, activity, "withdraw")
    try:
        promoted = services.signup_cancel(activity_id=activity.pk, member=member)
    except services.SignupError as e:
        return Status(400, {"detail": error_text(e), "code": e.code})
    except OperationalError:
        return Status(503, {"detail": BUSY})
    return Status(200, [_participation_out(p) for p in promoted])


class VolunteerRecordOut(Schema):
    served_on: dt.date
    content: str
    place: str
    hours: Decimal


class VolunteerMeOut(Schema):
    volunteer_number: str | None
    team: str | None
    year: int
    year_hours: Decimal
    total_hours: Decimal
    total_times: int
    records: list[VolunteerRecordOut]


@router.get("/me", response=answers(VolunteerMeOut, 404), summary="本人的志愿者编号、服务时长和最近的服务记录")
def volunteer_me(request: AuthedRequest):
    member = selectors.person_of(request.user)
    if member is None:
        raise scoping.deny(request, Volunteer, {"api": "volunteer_me"}, exists=True)
    volunteer = Volunteer.objects.filter(member=member).select_related("team").first()
    year = selectors.this_year()
    summary = selectors.hours_summary(volunteer, year)
    records = list(volunteer.records.order_by("-served_on")[:50]) if volunteer else []
    return {
        "volunteer_number": volunteer.number if volunteer else None,
        "team": volunteer.team.name if volunteer and volunteer.team else None,
        "year": year,
        "year_hours": summary.year_hours,
        "total_hours": summary.total_hours,
        "total_times": summary.total_times,
        "records": records,
    }


class VolunteerBrigadeOut(Schema):
    id: int
    name: str
    org_code: str
    leader: str | None
    team_count: int
    volunteer_count: int
    activity_count: int
    hours_total: Decimal

    @staticmethod
    def resolve_org_code(obj: Brigade) -> str:
        return obj.org.code

    @staticmethod
    def resolve_leader(obj: Brigade) -> str | None:
        return obj.leader.name if obj.leader else None


class VolunteerYearQuery(Schema):
    org: ApiText | None = Field(None, description="组织编码（含下级组织），默认为本人管理的最高一级组织")
    year: ApiYear | None = Field(None, description="年度，默认今年")


@router.get(
    "/brigades", response=answers(list[VolunteerBrigadeOut], 404, 422), summary="支队概况：分队、志愿者、年度活动和时长"
)
def volunteer_brigades(request: AuthedRequest, query: Query[VolunteerYearQuery]):
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Brigade, {"api": "volunteer_brigades"}, exists=True)
    org, year = org_and_year_from(request, {"org": query.org, "year": query.year})
    if org is None:
        return []
    brigades = selectors.brigades_in(org, year, selectors.visible_brigades(request.user))
    return list(selectors.brigade_overview(brigades, year).order_by("org__path", "name"))


class VolunteerRankingRow(Schema):
    rank: int
    name: str
    detail: str
    hours: Decimal
    times: int


class VolunteerRankingQuery(VolunteerYearQuery):
    by: ApiText = Field("team", description="team：分队；person：志愿者")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


@router.get(
    "/rankings", response=answers(list[VolunteerRankingRow], 400, 404, 422), summary="年度服务时长排行（分队或志愿者）"
)
def volunteer_rankings(request: AuthedRequest, query: Query[VolunteerRankingQuery]):
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, ServiceRecord, {"api": "volunteer_rankings"}, exists=True)
    org, year = org_and_year_from(request, {"org": query.org, "year": query.year})
    if org is None:
        return []
    records = selectors.records_in(org, year)
    if query.by == "person":
        rows = selectors.volunteer_ranking(records)[: query.limit]
        return [
            {"rank": i, "name": r["volunteer__member__name"], "detail": r["volunteer__member__org__name"],
             "hours": r["hours"], "times": r["times"]}
            for i, r in enumerate(rows, start=1)
        ]  # fmt: skip
    if query.by != "team":
        raise HttpError(400, "by 只能是 team 或 person")
    return [
        {"rank": i, "name": r["team__name"], "detail": r["brigade__name"], "hours": r["hours"], "times": r["times"]}
        for i, r in enumerate(selectors.team_ranking(records)[: query.limit], start=1)
    ]


__all__ = ["router"]
