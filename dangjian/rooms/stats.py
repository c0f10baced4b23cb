"""Metrics this app registers (see dangjian.core.registry), each with its records page.

`activity_rooms.standardized` counts the rooms whose latest inspection by the
end of the year passed every required checklist item; the records page lists
exactly those rooms. `activity_rooms.rectifications_overdue` counts the
rectification tasks due in the year that were not put right by their deadline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian.core.registry import metric

from .selectors import overdue_in, standardized_in, standardized_per_org

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


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
)
def rectifications_overdue(org: Organization, year: int) -> int:
    return overdue_in(org, year).count()
