"""The annual report API (/api/v1/annual): the reports the caller may see, and one report's text and figures.

Read-only, scoped like the pages: a report outside the caller's reach is a recorded 404.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiId, answers
from dangjian.core.web import ApiYear

from . import permissions, selectors
from .models import AnnualReport

router = Router(tags=["年度报告"])


class AnnualListQuery(Schema):
    year: ApiYear | None = Field(None, description="年度；不填为全部年度")


class AnnualReportOut(Schema):
    id: int
    org_code: str
    org: str
    year: int
    title: str
    status: str = Field(description="draft 草稿 / frozen 数据已冻结 / sent 已报送宣传平台")
    frozen_at: dt.datetime | None
    sent_at: dt.datetime | None

    @staticmethod
    def resolve_org_code(obj: AnnualReport) -> str:
        return obj.org.code

    @staticmethod
    def resolve_org(obj: AnnualReport) -> str:
        return obj.org.name


class AnnualFigureOut(Schema):
    key: str
    label: str
    value: float
    unit: str
    text: str = Field(description="报告中的写法，如 900多人次")
    previous: float | None = Field(description="上年数值")
    source: str
    records_url: str


class AnnualSectionOut(Schema):
    heading: str
    paragraphs: list[str]


class AnnualDocumentOut(Schema):
    report: AnnualReportOut
    sections: list[AnnualSectionOut]
    figures: list[AnnualFigureOut]


def _require(request: HttpRequest, api: str) -> None:
    if not permissions.sees_reports(request.user):
        raise scoping.deny(request, AnnualReport, {"api": api}, exists=True)


@router.get("/reports", response=answers(list[AnnualReportOut], 404, 422), summary="年度报告")
def annual_reports(request: HttpRequest, query: Query[AnnualListQuery]):
    _require(request, "annual_reports")
    return list(selectors.reports_for(user=request.user, year=query.year).order_by("-year", "org__path")[:200])


@router.get("/reports/{pk}", response=answers(AnnualDocumentOut, 404, 422), summary="年度报告的正文与数据")
def annual_report(request: HttpRequest, pk: ApiId):
    _require(request, "annual_report")
    report = selectors.report_for(request, pk)
    doc = selectors.document(report)
    return {
        "report": report,
        "sections": [
            {"heading": s.heading, "paragraphs": ["".join(r.text for r in p) for p in s.paragraphs]}
            for s in doc.sections
        ],
        "figures": [
            {
                "key": f.key,
                "label": f.label,
                "value": f.value,
                "unit": f.unit,
                "text": f.display,
                "previous": f.previous,
                "source": f.source,
                "records_url": f.link,
            }
            for f in doc.figures
        ],
    }
