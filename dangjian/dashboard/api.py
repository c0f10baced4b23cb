"""The dashboard API (/api/v1/dashboard): the figures every chart of the dashboard draws.

Read-only, scoped like the page: ?org=CODE within the caller's reach (a recorded 404
otherwise), ?year=YYYY. The answer is the page's own data: each work line's figures
with their five-year trend and the organizations directly below compared, and the
organizations behind this month.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiText, answers
from dangjian.core.db_router import reading_from_replica
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import ApiYear
from dangjian.orgs.models import Organization

from . import permissions, selectors

router = Router(tags=["数据看板"])


class DashboardQuery(Schema):
    org: ApiText | None = Field(None, description="组织编码（含下级组织），默认为本人管理的最高一级组织")
    year: ApiYear | None = Field(None, description="年度，默认今年")


class DashboardChildOut(Schema):
    code: str
    name: str


class DashboardOrgOut(DashboardChildOut):
    kind: str


class DashboardPartOut(Schema):
    key: str
    label: str
    value: int | float
    records: str


class DashboardMetricOut(Schema):
    key: str = Field(description="指标键（统计登记表）")
    label: str
    unit: str
    value: int | float = Field(description="本组织（含下级）本年度数值")
    records: str = Field(description="数值背后记录的页面地址")
    records_base: str = Field(description="记录页面地址（不含参数），下级组织的记录为 ?org=编码&year=年度")
    trend: list[int | float] = Field(description="与 years 对应的逐年数值")
    compare: list[int | float] = Field(description="与 children 对应的各直属下级组织数值")
    parts: list[DashboardPartOut] = Field(
        description="其他模块计入本指标时的构成（本模块部分及各计入部分，各有记录页面）"
    )


class DashboardLineOut(Schema):
    key: str
    label: str
    metrics: list[DashboardMetricOut]


class DashboardBehindColumnOut(Schema):
    key: str
    label: str
    unit: str
    rule: str = Field(description="何为落后")


class DashboardBehindCellOut(Schema):
    value: int | float
    behind: bool
    records: str


class DashboardBehindRowOut(DashboardChildOut):
    failed: int = Field(description="未达标项数")
    cells: list[DashboardBehindCellOut] = Field(description="与 columns 对应")


class DashboardBehindOut(Schema):
    year: int
    as_of: str
    checked: int = Field(description="检查的组织数")
    columns: list[DashboardBehindColumnOut]
    rows: list[DashboardBehindRowOut]


class DashboardOut(Schema):
    org: DashboardOrgOut
    year: int
    years: list[int]
    as_of: str
    children: list[DashboardChildOut] = Field(description="直属下级组织（不含党小组）")
    lines: list[DashboardLineOut]
    behind: DashboardBehindOut


@router.get("", response=answers(DashboardOut, 404, 422), summary="数据看板：各条线指标、趋势、下级对比、落后组织")
def dashboard(request: HttpRequest, query: Query[DashboardQuery]):
    if not permissions.sees_dashboard(request.user):
        raise scoping.deny(request, Organization, {"api": "dashboard"}, exists=True)
    with reading_from_replica():
        org, year = org_and_year_from(request, {"org": query.org, "year": query.year})
        if org is None:
            raise scoping.deny(request, Organization, {"api": "dashboard"}, exists=False)
        # The answer is the page's own data (cached whole); DashboardOut documents it, and its shape is
        # held to the schema by the tests, so it is not validated again here on every request.
        return JsonResponse(selectors.board(org, year))
