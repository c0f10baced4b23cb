"""The admission API (/api/v1/admission): the pipeline with what is due, and the figures by quarter.

Read-only, scoped like the pages: ?org=CODE within the caller's reach (a recorded
404 otherwise, the highest organization they oversee by default), ?year=YYYY.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiText, answers
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import ApiYear

from . import permissions, selectors
from .models import Case

router = Router(tags=["发展党员"])


class AdmissionQuery(Schema):
    org: ApiText | None = Field(None, description="组织编码（含下级组织），默认为本人管理的最高一级组织")
    year: ApiYear | None = Field(None, description="年度，默认今年（分季度情况）")


class AdmissionDueOut(Schema):
    label: str
    on: dt.date | None
    overdue: bool


class AdmissionCaseOut(Schema):
    id: int
    name: str
    org_code: str
    org: str
    stage: str = Field(description="applicant/activist/candidate/probationary/full")
    stage_label: str
    applied_on: dt.date
    dues: list[AdmissionDueOut] = Field(description="待办事项，逾期的在前")


class AdmissionQuarterOut(Schema):
    key: str
    label: str
    quarters: list[int]
    total: int


def _scope(request: HttpRequest, query: AdmissionQuery, api: str):
    if not permissions.sees_admission(request.user):
        raise scoping.deny(request, Case, {"api": api}, exists=True)
    return org_and_year_from(request, {"org": query.org, "year": query.year})


@router.get("/pipeline", response=answers(list[AdmissionCaseOut], 404, 422), summary="发展党员工作对象及待办、逾期事项")
def admission_pipeline(request: HttpRequest, query: Query[AdmissionQuery]):
    org, _ = _scope(request, query, "admission_pipeline")
    if org is None:
        return []
    found = []
    for group in selectors.pipeline(org, timezone.localdate()):
        for r in group.rows:
            c = r.case
            found.append(
                {
                    "id": c.pk, "name": c.name, "org_code": c.org.code, "org": c.org.name, "stage": c.stage,
                    "stage_label": c.get_stage_display(), "applied_on": c.applied_on,
                    "dues": [{"label": d.label, "on": d.on, "overdue": d.overdue} for d in r.dues],
                }
            )  # fmt: skip
    return found


@router.get("/quarters", response=answers(list[AdmissionQuarterOut], 404, 422), summary="发展党员分季度情况")
def admission_quarters(request: HttpRequest, query: Query[AdmissionQuery]):
    org, year = _scope(request, query, "admission_quarters")
    if org is None:
        return []
    return [
        {"key": k, "label": label, "quarters": counts, "total": total}
        for k, label, counts, total in selectors.quarters(org, year)
    ]
