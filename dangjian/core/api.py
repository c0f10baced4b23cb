from __future__ import annotations

from ninja import Query, Router, Schema

from . import registry
from .selectors import org_and_year_from

router = Router(tags=["统计"])


class StatsQuery(Schema):
    org: str | None = None
    year: int | None = None


@router.get("/stats", response=dict[str, int | float], summary="按组织子树和年度汇总全部已登记指标")
def stats(request, query: Query[StatsQuery]):
    org, year = org_and_year_from(request, {"org": query.org, "year": query.year})
    if org is None:
        return {}
    return registry.compute(org, year)
