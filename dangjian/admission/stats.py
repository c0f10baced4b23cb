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

from typing import TYPE_CHECKING

from dangjian.core.registry import metric

from . import selectors

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@metric(
    "admission.applicants", "入党申请人", unit="人", records_url="admission:applicants", records=selectors.applicants_in
)
def applicants(org: Organization, year: int) -> int:
    return selectors.applicants_in(org, year).count()


@metric(
    "admission.activists", "入党积极分子", unit="人", records_url="admission:activists", records=selectors.activists_in
)
def activists(org: Organization, year: int) -> int:
    return selectors.activists_in(org, year).count()


@metric(
    "admission.candidates", "发展对象", unit="人", records_url="admission:candidates", records=selectors.candidates_in
)
def candidates(org: Organization, year: int) -> int:
    return selectors.candidates_in(org, year).count()


@metric("admission.admitted", "发展党员", unit="人", records_url="admission:admitted", records=selectors.admitted_in)
def admitted(org: Organization, year: int) -> int:
    return selectors.admitted_in(org, year).count()


@metric(
    "admission.converted", "预备党员转正", unit="人", records_url="admission:converted", records=selectors.converted_in
)
def converted(org: Organization, year: int) -> int:
    return selectors.converted_in(org, year).count()
