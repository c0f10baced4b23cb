"""Figures this app registers (see dangjian.core.registry), each with the page of its records.

- liaison.points: liaison points that ran at some time in the year;
- liaison.visits: visits made in the year;
- lectures.mobile: mobile lectures held (confirmed) in the year;
- lectures.mobile_attendance: person-times at those lectures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org

from . import selectors

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization

# Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function.


def _points_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, selectors.points_in)


def _visits_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, selectors.visits_in)


def _lectures_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, selectors.lectures_in)


def _attendance_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, selectors.attendances_in, "lecture__org")


@metric(
    "liaison.points",
    "联系点",
    unit="个",
    records_url="liaison:points",
    records=selectors.points_in,
    per_org=_points_per_org,
)
def points(org: Organization, year: int) -> int:
    return selectors.points_in(org, year).count()


@metric(
    "liaison.visits",
    "联系点走访",
    unit="次",
    records_url="liaison:visits",
    records=selectors.visits_in,
    per_org=_visits_per_org,
)
def visits(org: Organization, year: int) -> int:
    return selectors.visits_in(org, year).count()


@metric(
    "lectures.mobile",
    "流动讲堂",
    unit="场",
    records_url="liaison:lectures",
    records=selectors.lectures_in,
    per_org=_lectures_per_org,
)
def lectures(org: Organization, year: int) -> int:
    return selectors.lectures_in(org, year).count()


@metric(
    "lectures.mobile_attendance",
    "流动讲堂听讲",
    unit="人次",
    records_url="liaison:attendances",
    records=selectors.attendances_in,
    per_org=_attendance_per_org,
)
def attendance(org: Organization, year: int) -> int:
    return selectors.attendances_in(org, year).count()
