"""Metrics this app registers (see dangjian.core.registry), each with its records page.

`activity_rooms.standardized` counts the rooms whose latest inspection by the
end of the year passed every required checklist item; the records page lists
exactly those rooms. `activity_rooms.rectifications_overdue` counts the
rectification tasks due in the year that were not put right by their deadline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org

from .selectors import overdue_in, standardized_in, standardized_per_org

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


def _overdue_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    """Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function."""
    return count_per_org(orgs, year, overdue_in, "room__org")


@metric(
    "activity_rooms.standardized",
    "标准化党员活动室",
    unit="个",
    records_url="rooms:records_standardized",
    records=standardized_in,
    per_org=standardized_per_org,
)
def standardized(org: Organization, year: int) -> int:
    return standardized_in(org, year).count()


@metric(
    "activity_rooms.rectifications_overdue",
    "活动室逾期整改",
    unit="项",
    records_url="rooms:records_overdue",
    records=overdue_in,
    per_org=_overdue_per_org,
)
def rectifications_overdue(org: Organization, year: int) -> int:
    return overdue_in(org, year).count()
