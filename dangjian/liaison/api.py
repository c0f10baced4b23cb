"""The liaison API (/api/v1/liaison): liaison points, the unvisited organizations, mobile lectures.

Read-only, scoped like the pages: ?org=CODE within the caller's reach (a
recorded 404 otherwise), ?year=YYYY; the same selectors as the figures.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiText, answers
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import ApiYear

from . import permissions, selectors
from .models import LiaisonPoint, MobileLecture
from .models import Visit as VisitModel

router = Router(tags=["联系点与流动讲堂"])


class LiaisonYearQuery(Schema):
    org: ApiText | None = Field(None, description="组织编码（含下级组织），默认为本人管理的最高一级组织")
    year: ApiYear | None = Field(None, description="年度，默认今年")


class LiaisonPointOut(Schema):
    id: int
    cadre: str
    org_code: str
    org: str
    started_on: dt.date
    ended_on: dt.date | None
    visits_this_year: int = Field(description="本年度走访次数")
    open_items: int = Field(description="未办结的跟进事项")

    @staticmethod
    def resolve_cadre(obj: LiaisonPoint) -> str:
        return obj.cadre.name

    @staticmethod
    def resolve_org_code(obj: LiaisonPoint) -> str:
        return obj.org.code

    @staticmethod
    def resolve_org(obj: LiaisonPoint) -> str:
        return obj.org.name


class LiaisonUnvisitedOut(Schema):
    code: str
    name: str
    kind: str
    has_point: bool = Field(description="本年度是否有联系点")


class LiaisonLectureOut(Schema):
    id: int
    topic: str
    lecturer: str
    org_code: str
    org: str
    held_on: dt.date
    attended: int = Field(description="听讲人次")

    @staticmethod
    def resolve_org_code(obj: MobileLecture) -> str:
        return obj.org.code

    @staticmethod
    def resolve_org(obj: MobileLecture) -> str:
        return obj.org.name


def _scope(request: HttpRequest, query: LiaisonYearQuery, model: type, api: str):
    if not permissions.sees_liaison(request.user):
        raise scoping.deny(request, model, {"api": api}, exists=True)
    return org_and_year_from(request, {"org": query.org, "year": query.year})


@router.get("/points", response=answers(list[LiaisonPointOut], 404, 422), summary="联系点（本年度在联系期内的）")
def liaison_points(request: HttpRequest, query: Query[LiaisonYearQuery]):
    org, year = _scope(request, query, LiaisonPoint, "liaison_points")
    if org is None:
        return []
    return list(selectors.points_with_counts(selectors.points_in(org, year), year).order_by("org__path", "id"))


@router.get("/unvisited", response=answers(list[LiaisonUnvisitedOut], 404, 422), summary="本年度无人走访的组织")
def liaison_unvisited(request: HttpRequest, query: Query[LiaisonYearQuery]):
    org, year = _scope(request, query, VisitModel, "liaison_unvisited")
    if org is None:
        return []
    return list(selectors.unvisited_orgs(org, year).orgs.values("code", "name", "kind", "has_point"))


@router.get("/lectures", response=answers(list[LiaisonLectureOut], 404, 422), summary="本年度已举办的流动讲堂")
def liaison_lectures(request: HttpRequest, query: Query[LiaisonYearQuery]):
    org, year = _scope(request, query, MobileLecture, "liaison_lectures")
    if org is None:
        return []
    lectures = selectors.with_attendance(selectors.lectures_in(org, year).select_related("org"))
    return list(lectures.order_by("-held_on", "-id"))
