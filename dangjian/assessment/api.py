"""The assessment API (/api/v1/assessment): the results of a year, scoped like the pages.

?org=CODE within the caller's reach (a recorded 404 otherwise; default: the
highest organization they oversee), ?year=YYYY. Results of the scheme in force
for that year; organization administrators see them once in public notice.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiText, answers
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import ApiYear

from . import permissions, selectors
from .models import OrgResult, ResultStatus

router = Router(tags=["党建考核"])


class AssessmentQuery(Schema):
    org: ApiText | None = Field(None, description="组织编码（含下级组织），默认为本人管理的最高一级组织")
    year: ApiYear | None = Field(None, description="考核年度，默认今年")


class AssessmentResultOut(Schema):
    org_code: str
    org: str
    rank: int
    score: Decimal = Field(description="综合得分")
    grade: str = Field(description="等次")
    status: str = Field(description="结果状态：已计算、公示中、已确定")
    components: dict[str, str] = Field(description="各项考核得分（0–100）")

    @staticmethod
    def resolve_org_code(obj: OrgResult) -> str:
        return obj.org.code

    @staticmethod
    def resolve_org(obj: OrgResult) -> str:
        return obj.org.name

    @staticmethod
    def resolve_grade(obj: OrgResult) -> str:
        return obj.get_grade_display()

    @staticmethod
    def resolve_status(obj: OrgResult) -> str:
        return obj.result_set.get_status_display()


@router.get("/results", response=answers(list[AssessmentResultOut], 404, 422), summary="年度考核结果")
def assessment_results(request: HttpRequest, query: Query[AssessmentQuery]):
    if not permissions.uses_assessment(request.user):
        raise scoping.deny(request, OrgResult, {"api": "assessment_results"}, exists=True)
    org, year = org_and_year_from(request, {"org": query.org, "year": query.year})
    if org is None:
        return []
    scheme = selectors.in_force(permissions.committee_of(org), year)
    if scheme is None or not hasattr(scheme, "result_set"):
        return []
    result_set = scheme.result_set
    if result_set.status == ResultStatus.COMPUTED and not permissions.manages_scheme(request.user, scheme):
        return []
    rows = scoping.in_subtree(selectors.result_rows(request.user, result_set), org)
    return list(rows.select_related("result_set")[:1000])
