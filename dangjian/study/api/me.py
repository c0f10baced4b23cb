"""/api/v1/study: a person's own study record."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema

from dangjian.accounts.http import AuthedRequest
from dangjian.core.api import answers

from ..selectors import my_record as my
from .common import _person, router


class StudyYearOut(Schema):
    year: int
    sessions: int
    classes: int
    meetings: int
    hours: Decimal = Field(description="中心组学习学时 + 培训获得学时")


class StudyMyRecordOut(Schema):
    name: str
    years: list[StudyYearOut]


@router.get(
    "/me", response=answers(StudyMyRecordOut, 404), url_name="study_me", summary="我的学习档案：每年参学次数与学时"
)
def my_record(request: AuthedRequest):
    person = _person(request, "study/me")
    years = [
        StudyYearOut(
            year=t["year"], sessions=t["sessions"], classes=t["classes"], meetings=t["meetings"], hours=t["hours"]
        )
        for t in my.yearly_totals(person)
    ]
    return StudyMyRecordOut(name=person.name, years=years)
