"""Metrics this app registers (see dangjian.core.registry), each with its records page.

`assessment.units_rated` counts the organizations of the subtree with a final
assessment result for the year; the records page lists exactly those results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian.core.registry import metric

from .selectors import rated_in

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@metric(
    "assessment.units_rated",
    "完成考核评定的党组织",
    unit="个",
    records_url="assessment:records_rated",
    records=rated_in,
)
def units_rated(org: Organization, year: int) -> int:
    return rated_in(org, year).count()
