"""Figures this app registers (see dangjian.core.registry), each with the page of its records.

- liaison.points: liaison points that ran at some time in the year;
- liaison.visits: visits made in the year;
- lectures.mobile: mobile lectures held (confirmed) in the year;
- lectures.mobile_attendance: person-times at those lectures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian.core.registry import metric

from . import selectors

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@metric("liaison.points", "联系点", unit="个", records_url="liaison:points", records=selectors.points_in)
def points(org: Organization, year: int) -> int:
    return selectors.points_in(org, year).count()


@metric("liaison.visits", "联系点走访", unit="次", records_url="liaison:visits", records=selectors.visits_in)
def visits(org: Organization, year: int) -> int:
    return selectors.visits_in(org, year).count()


@metric("lectures.mobile", "流动讲堂", unit="场", records_url="liaison:lectures", records=selectors.lectures_in)
def lectures(org: Organization, year: int) -> int:
    return selectors.lectures_in(org, year).count()


@metric(
    "lectures.mobile_attendance",
    "流动讲堂听讲",
    unit="人次",
    records_url="liaison:attendances",
    records=selectors.attendances_in,
)
def attendance(org: Organization, year: int) -> int:
    return selectors.attendances_in(org, year).count()
