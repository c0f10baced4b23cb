"""/api/v1/study: central-group study."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Query, Schema

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.api import ApiId, answers

from ..models import (
    Session,
    SessionStatus,
)
from ..selectors import central_group as cg
from .common import StudyPaging, _managers_only, _org_by_code, router


class StudySessionOut(Schema):
    id: int
    group: str
    org_code: str
    held_on: dt.date
    topic: str
    status: str = Field(description="planned | held | cancelled")
    hours: Decimal
    invited: int
    attended: int = Field(description="出席与迟到人次")


class StudySessionPage(Schema):
    count: int
    items: list[StudySessionOut]


def _session_out(s: cg.CountedSession) -> StudySessionOut:
    return StudySessionOut(
        id=s.pk,
        group=s.group.name,
        org_code=s.org.code,
        held_on=s.held_on,
        topic=s.topic,
        status=s.status,
        hours=s.hours,
        invited=s.invited,
        attended=s.attended,
    )


@router.get(
    "/sessions", response=answers(StudySessionPage, 404, 422), url_name="study_sessions", summary="中心组集体学习列表"
)
def list_sessions(request: AuthedRequest, query: Query[StudyPaging]):
    _managers_only(request, Session, "study/sessions")
    sessions = cg.sessions_for(request.user).filter(held_on__year=query.year or timezone.localdate().year)
    if query.org:
        sessions = scoping.in_subtree(sessions, _org_by_code(request, query.org))
    sessions = cg.with_counts(sessions).order_by("-held_on", "-id")
    page = sessions[query.offset : query.offset + query.limit]
    return StudySessionPage(count=sessions.count(), items=[_session_out(s) for s in page])


class StudySessionDetailOut(StudySessionOut):
    location: str
    summary: str
    speakers: list[str]
    marks: dict[str, int] = Field(description="各出勤状态人数：present / late / excused / absent / 空为待登记")


@router.get(
    "/sessions/{pk}",
    response=answers(StudySessionDetailOut, 404, 422),
    url_name="study_session",
    summary="一次集体学习",
)
def get_session(request: AuthedRequest, pk: ApiId):
    session, manages = cg.session_visible_or_404(request, pk)
    counted = cg.with_counts(Session.objects.filter(pk=session.pk)).get()
    marks: dict[str, int] = {}
    rows = (
        session.attendances.all()
        if manages
        else session.attendances.filter(person_id=getattr(request.user, "person_id", None))
    )
    for status in rows.values_list("status", flat=True):
        marks[status] = marks.get(status, 0) + 1
    base = _session_out(counted).dict()
    return StudySessionDetailOut(
        **base,
        location=session.location,
        summary=session.summary,
        speakers=[str(s) for s in session.speakers.all()],
        marks=marks,
    )


class StudyObserverTaskOut(Schema):
    id: int
    session_id: int
    group: str
    held_on: dt.date
    topic: str
    notice_working_days: int
    writeup_due_on: dt.date
    writeup_submitted: bool
    overdue: bool


@router.get(
    "/observer-tasks",
    response=answers(list[StudyObserverTaskOut]),
    url_name="study_observer_tasks",
    summary="我的列席任务",
)
def observer_tasks(request: AuthedRequest):
    today = timezone.localdate()
    return [
        StudyObserverTaskOut(
            id=o.pk,
            session_id=o.session_id,
            group=o.session.group.name,
            held_on=o.session.held_on,
            topic=o.session.topic,
            notice_working_days=o.notice_working_days,
            writeup_due_on=o.writeup_due_on,
            writeup_submitted=o.writeup_submitted_at is not None,
            overdue=o.is_overdue(today) and o.session.status == SessionStatus.HELD,
        )
        for o in cg.observer_tasks_of(request.user).order_by("-session__held_on")[:200]
    ]
