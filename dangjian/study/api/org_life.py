"""/api/v1/study: organization life: meetings and the compliance calendar."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils import timezone
from ninja import Field, Query, Schema
from pydantic import WithJsonSchema

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.api import ApiPathText, ApiText, answers, choice_schema
from dangjian.core.web import ApiOffset, ApiYear

from ..models import (
    MeetingAttendance,
    MeetingKind,
)
from ..selectors import calendar as cal
from ..selectors import org_life as ol
from .common import MAX_LIMIT, StudyPaging, _managers_only, _org, _org_by_code, router


class StudyMeetingOut(Schema):
    id: int
    org_code: str
    kind: str
    kind_label: str
    held_on: dt.date
    topic: str
    marked: int
    attended: int
    quorum_met: bool | None = Field(description="支委会是否超过半数到会；其他会议为空")


class StudyMeetingPage(Schema):
    count: int
    items: list[StudyMeetingOut]


class StudyMeetingQuery(StudyPaging):
    kind: Annotated[MeetingKind | None, WithJsonSchema(choice_schema(MeetingKind, "会议类别"))] = None


@router.get(
    "/meetings", response=answers(StudyMeetingPage, 404, 422), url_name="study_meetings", summary="组织生活会议列表"
)
def list_meetings(request: AuthedRequest, query: Query[StudyMeetingQuery]):
    _managers_only(request, MeetingAttendance, "study/meetings")
    org = _org_by_code(request, query.org) if query.org else None
    year = query.year or timezone.localdate().year
    meetings = ol.meeting_list(request.user, year=year, org=org, kind=query.kind or "")
    page = list(meetings.values_list("pk", flat=True)[query.offset : query.offset + query.limit])
    items = [
        StudyMeetingOut(
            id=m.pk,
            org_code=m.org.code,
            kind=m.kind,
            kind_label=m.get_kind_display(),
            held_on=m.held_on,
            topic=m.topic,
            marked=m.marked,
            attended=m.attended,
            quorum_met=m.quorum_met,
        )
        for m in ol.counted(page)
    ]
    return StudyMeetingPage(count=meetings.count(), items=items)


class StudyCellOut(Schema):
    period: str
    state: str = Field(description="held | missing | due | future | na")
    count: int


class StudyLineOut(Schema):
    kind: str
    label: str
    every: str
    cells: list[StudyCellOut]


class StudyStandingOut(Schema):
    code: str
    name: str
    required: int
    held: int
    rate: float | None
    missing: list[str]
    due: list[str]


class StudyCalendarOut(Schema):
    org: str
    year: int
    rate: float
    lines: list[StudyLineOut] = Field(description="该组织本身的日历（党支部、党小组）")
    organizations_count: int = Field(description="下级须开展组织生活的组织总数（上级组织）")
    organizations: list[StudyStandingOut] = Field(description="其中本页（limit / offset）各组织的开展情况")


@router.get(
    "/calendar/{code}",
    response=answers(StudyCalendarOut, 404, 422),
    url_name="study_calendar",
    summary="组织生活日历：应开、已开、缺项",
)
def calendar(
    request: AuthedRequest,
    code: ApiPathText,
    year: ApiYear | None = None,
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT, description="每页组织数")] = 100,
    offset: ApiOffset = 0,
):
    _managers_only(request, MeetingAttendance, "study/calendar")
    org = _org_by_code(request, code)
    today = timezone.localdate()
    year = year or today.year
    # Cells only for an organization that holds meetings itself; a higher one gets its subtree's summary.
    bound = org.kind in cal.bound_org_kinds()
    rows = cal.standings(scoping.in_subtree(scoping.visible_orgs(request.user), org, ""), year, today, with_lines=bound)
    own = next((r for r in rows if r.org_id == org.pk), None) if bound else None
    lines = [
        StudyLineOut(
            kind=line.requirement.kind,
            label=line.requirement.label,
            every=line.requirement.every,
            cells=[StudyCellOut(period=c.label, state=c.state, count=c.count) for c in line.cells],
        )
        for line in (own.lines if own else [])
    ]
    orgs = [] if own else [_standing_out(r) for r in rows[offset : offset + limit]]
    return StudyCalendarOut(
        org=org.code,
        year=year,
        rate=cal.rate_of(rows),
        lines=lines,
        organizations_count=0 if own else len(rows),
        organizations=orgs,
    )


def _standing_out(r: cal.OrgStanding) -> StudyStandingOut:
    return StudyStandingOut(
        code=r.code,
        name=r.name,
        required=r.required,
        held=r.held,
        rate=r.rate,
        missing=r.missing_labels,
        due=r.due_labels,
    )


@router.get(
    "/behind",
    response=answers(list[StudyStandingOut], 404, 422),
    url_name="study_behind",
    summary="本月组织生活落后的组织（有逾期缺项）",
)
def behind(request: AuthedRequest, org: ApiText | None = None):
    _managers_only(request, MeetingAttendance, "study/behind")
    root = _org(request, org)
    if root is None:
        return []
    today = timezone.localdate()
    rows = cal.standings(scoping.in_subtree(scoping.visible_orgs(request.user), root, ""), today.year, today)
    return [_standing_out(r) for r in sorted((r for r in rows if r.missing), key=lambda r: (-len(r.missing), r.path))]
