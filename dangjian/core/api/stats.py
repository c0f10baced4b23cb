from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dangjian.core import registry
from dangjian.core.db_router import reading_from_replica
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import ApiYear

from .errors import answers
from .params import ApiText

router = Router(tags=["统计"])


class CoreStatsQuery(Schema):
    org: ApiText | None = Field(None, description="组织编码（含下级组织），默认为本人管理的最高一级组织")
    year: ApiYear | None = Field(None, description="年度，默认今年")


@router.get("/stats", response=answers(dict[str, int | float], 404, 422), summary="按组织子树和年度汇总全部已登记指标")
def stats(request: HttpRequest, query: Query[CoreStatsQuery]):
    with reading_from_replica():
        org, year = org_and_year_from(request, {"org": query.org, "year": query.year})
        if org is None:
            return {}
        return registry.compute(org, year)
