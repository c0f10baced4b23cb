"""Figures this app registers (see dangjian.core.registry), each with the page of its records.

Each counts the people of the subtree who reached a stage in the year, on the date of the step
that took them there:
- admission.applicants: applications received (递交入党申请书);
- admission.activists: made 入党积极分子 by the branch committee;
- admission.candidates: listed as 发展对象;
- admission.admitted: approved as 预备党员 by the upper committee;
- admission.converted: converted to 正式党员.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org

from . import selectors

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


def _per_org(key: str) -> Callable[[Sequence[Organization], int], Mapping[int, int]]:
    """Many organizations at once (registry.per_org): the cases that reached KEY's stage, one grouped query per tree."""

    def per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
        return count_per_org(orgs, year, lambda o, y: selectors.reached_in(o, y, key))

    return per_org


@metric(
    "admission.applicants",
    "入党申请人",
    unit="人",
    records_url="admission:applicants",
    records=selectors.applicants_in,
    per_org=_per_org("applicants"),
)
def applicants(org: Organization, year: int) -> int:
    return selectors.applicants_in(org, year).count()


@metric(
    "admission.activists",
    "入党积极分子",
    unit="人",
    records_url="admission:activists",
    records=selectors.activists_in,
    per_org=_per_org("activists"),
)
def activists(org: Organization, year: int) -> int:
    return selectors.activists_in(org, year).count()


@metric(
    "admission.candidates",
    "发展对象",
    unit="人",
    records_url="admission:candidates",
    records=selectors.candidates_in,
    per_org=_per_org("candidates"),
)
def candidates(org: Organization, year: int) -> int:
    return selectors.candidates_in(org, year).count()


@metric(
    "admission.admitted",
    "发展党员",
    unit="人",
    records_url="admission:admitted",
    records=selectors.admitted_in,
    per_org=_per_org("admitted"),
)
def admitted(org: Organization, year: int) -> int:
    return selectors.admitted_in(org, year).count()


@metric(
    "admission.converted",
    "预备党员转正",
    unit="人",
    records_url="admission:converted",
    records=selectors.converted_in,
    per_org=_per_org("converted"),
)
def converted(org: Organization, year: int) -> int:
    return selectors.converted_in(org, year).count()
