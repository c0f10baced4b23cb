"""/api/v1/study: training classes, self sign-up and QR sign-in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Query, Schema

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.api import ApiId, ApiPathText, answers

from ..models import (
    TrainingClass,
    TrainingDay,
)
from ..selectors import training as tr
from ..services import signin
from ..services import training as tr_services
from .common import StudyPaging, _managers_only, _org_by_code, _person, _refuse, router


class StudyClassOut(Schema):
    id: int
    title: str
    org_code: str
    audience: str
    venue_kind: str
    venue: str
    starts_on: dt.date
    ends_on: dt.date
    hours: Decimal
    capacity: int | None
    enrolled: int
    places_left: int | None
    self_signup: bool
    cancelled: bool


class StudyClassPage(Schema):
    count: int
    items: list[StudyClassOut]


def _class_out(k: TrainingClass) -> StudyClassOut:
    return StudyClassOut(
        id=k.pk,
        title=k.title,
        org_code=k.org.code,
        audience=k.audience,
        venue_kind=k.venue_kind,
        venue=k.venue,
        starts_on=k.starts_on,
        ends_on=k.ends_on,
        hours=k.hours,
        capacity=k.capacity,
        enrolled=k.enrolled,
        places_left=k.places_left,
        self_signup=k.self_signup,
        cancelled=k.is_cancelled,
    )


@router.get(
    "/classes", response=answers(StudyClassPage, 404, 422), url_name="study_classes", summary="培训班列表（主办方）"
)
def list_classes(request: AuthedRequest, query: Query[StudyPaging]):
    _managers_only(request, TrainingClass, "study/classes")
    classes = tr.classes_for(request.user).filter(starts_on__year=query.year or timezone.localdate().year)
    if query.org:
        classes = scoping.in_subtree(classes, _org_by_code(request, query.org))
    classes = classes.order_by("-starts_on", "-id")
    return StudyClassPage(
        count=classes.count(), items=[_class_out(k) for k in classes[query.offset : query.offset + query.limit]]
    )


@router.get(
    "/classes/open",
    response=answers(list[StudyClassOut], 404),
    url_name="study_open_classes",
    summary="本人可报名的培训班",
)
def open_classes(request: AuthedRequest):
    person = _person(request, "study/classes/open")
    return [_class_out(k) for k in tr.open_classes(person, timezone.localdate()).order_by("starts_on")[:100]]


@router.get("/classes/{pk}", response=answers(StudyClassOut, 404, 422), url_name="study_class", summary="一个培训班")
def get_class(request: AuthedRequest, pk: ApiId):
    return _class_out(tr.class_visible_or_404(request, pk).klass)


class StudyEnrolmentOut(Schema):
    id: int
    class_id: int
    enrolled_on: dt.date
    method: str
    places_left: int | None


@router.post(
    "/classes/{pk}/signup",
    response=answers(StudyEnrolmentOut, 400, 403, 404, 422),
    url_name="study_signup",
    summary="本人报名（名额已满、非培训对象等返回 400）",
)
def signup(request: AuthedRequest, pk: ApiId):
    person = _person(request, "study/signup")
    klass = tr.class_visible_or_404(request, pk).klass
    try:
        e = tr_services.signup(klass=klass, person=person, by=request.user)
    except ValidationError as err:
        raise _refuse(err) from None
    klass.refresh_from_db(fields=["enrolled"])
    return StudyEnrolmentOut(
        id=e.pk, class_id=klass.pk, enrolled_on=e.enrolled_on, method=e.method, places_left=klass.places_left
    )


class StudyCheckinOut(Schema):
    status: str = Field(description="present | late")
    status_label: str
    signed_at: dt.datetime | None
    day: dt.date
    class_title: str


@router.post(
    "/checkin/{token}",
    response=answers(StudyCheckinOut, 400, 403, 404, 422),
    url_name="study_checkin",
    summary="扫码签到（本人）",
)
def checkin(request: AuthedRequest, token: ApiPathText):
    person = _person(request, "study/checkin")
    day = TrainingDay.objects.filter(token=token).select_related("klass").first()
    if day is None:
        raise scoping.deny(request, TrainingDay, {"token": token[:8]}, exists=False)
    try:
        mark = signin.checkin(day=day, person=person, by=request.user)
    except ValidationError as err:
        raise _refuse(err) from None
    return StudyCheckinOut(
        status=mark.status,
        status_label=mark.get_status_display(),
        signed_at=mark.signed_at,
        day=day.day,
        class_title=day.klass.title,
    )
