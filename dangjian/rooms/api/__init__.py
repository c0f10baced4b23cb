"""The activity-room API (/api/v1/rooms): the rooms one may see with their standing, and one room.

Scoped like the pages: the rooms of the subtrees the caller oversees; anything
else is a recorded 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiId, ApiText, answers
from dangjian.core.web import ApiOffset

from .. import permissions, selectors
from ..models import Room
from ..selectors.lists import STANDINGS
from ..views.common import org_filter, room_or_404

router = Router(tags=["党员活动室"])
MAX_LIMIT = 200


class RoomsRoomOut(Schema):
    id: int
    org_code: str
    org_name: str
    name: str
    location: str
    area_m2: Decimal
    last_inspected_on: dt.date | None
    standing: str  # standardized | failing | uninspected
    open_rectifications: int
    overdue_rectifications: int


class RoomsRoomPage(Schema):
    count: int
    offset: int
    limit: int
    items: list[RoomsRoomOut]


class RoomsListQuery(Schema):
    org: ApiText = Field("", description="组织编码（含下级组织）")
    standing: ApiText = Field("", description="standardized | failing | uninspected；其他值不筛选")
    overdue: bool = Field(False, description="只列有逾期整改的活动室")
    offset: ApiOffset = 0
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


def _out(room: Room, open_count: int, overdue_count: int) -> RoomsRoomOut:
    latest = room.latest_inspection
    standing = "uninspected" if latest is None else ("standardized" if latest.passed else "failing")
    return RoomsRoomOut(
        id=room.pk, org_code=room.org.code, org_name=room.org.name, name=room.name, location=room.location,
        area_m2=room.area_m2, last_inspected_on=latest.held_on if latest else None, standing=standing,
        open_rectifications=open_count, overdue_rectifications=overdue_count,
    )  # fmt: skip


def _require(request: HttpRequest) -> None:
    if not permissions.uses_rooms(request.user):
        raise scoping.deny(request, Room, {"api": "rooms"}, exists=True)


@router.get("/", response=answers(RoomsRoomPage, 404, 422), url_name="rooms_list", summary="党员活动室及其达标情况")
def rooms_list(request: HttpRequest, query: Query[RoomsListQuery]) -> RoomsRoomPage:
    _require(request)
    filters = selectors.RoomFilters(
        org=org_filter(request), standing=query.standing if query.standing in STANDINGS else "", overdue=query.overdue
    )
    rows = selectors.room_rows(request.user, filters)
    limit, offset = query.limit, query.offset
    items = [
        _out(r, getattr(r, "open_count", 0), getattr(r, "overdue_count", 0)) for r in rows[offset : offset + limit]
    ]
    return RoomsRoomPage(count=rows.count(), offset=offset, limit=limit, items=items)


@router.get("/{room_id}", response=answers(RoomsRoomOut, 404, 422), url_name="rooms_get", summary="一个党员活动室")
def rooms_get(request: HttpRequest, room_id: ApiId) -> RoomsRoomOut:
    _require(request)
    room = room_or_404(request, room_id)
    today = timezone.localdate()
    tasks = room.rectifications.filter(status="open")
    return _out(room, tasks.count(), tasks.filter(deadline__lt=today).count())
