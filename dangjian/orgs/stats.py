"""Metrics this app registers (see dangjian.core.registry).

Each figure has a page listing the records behind it (?org=CODE&year=YYYY).
"""

from __future__ import annotations

from dangjian.core import tree
from dangjian.core.registry import metric

from .models import Organization, Unit
from .selectors import (
    elections_held_per_org,
    elections_in,
    elections_overdue_per_org,
    overdue_rows,
    subtree_of,
    units_adjusted_per_org,
    year_end,
)


@metric(
    "orgs.units_adjusted",
    "党组织设置调整涉及单位",
    unit="个",
    records_url="orgs:affiliation_changes",
    per_org=units_adjusted_per_org,
)
def units_adjusted(org: Organization, year: int) -> int:
    """Distinct units covered by organizations of ORG's subtree whose affiliation changed in YEAR."""
    return (
        Unit.objects.filter(
            tree.subtree_q([org.path], "organizations__path"),
            organizations__affiliation_changes__changed_on__year=year,
        )
        .distinct()
        .count()
    )


@metric("orgs.elections_held", "完成换届选举", unit="次", records_url="orgs:elections", per_org=elections_held_per_org)
def elections_held(org: Organization, year: int) -> int:
    return elections_in(subtree_of(org), year).count()


@metric(
    "orgs.elections_overdue", "换届超期组织", unit="个", records_url="orgs:overdue", per_org=elections_overdue_per_org
)
def elections_overdue(org: Organization, year: int) -> int:
    """Organizations of ORG's subtree overdue at the end of YEAR (today, for the current year)."""
    return len(overdue_rows(subtree_of(org), as_of=year_end(year)))
