"""Metrics this app registers (see dangjian.core.registry), each with its records page.

`assessment.units_rated` counts the organizations of the subtree with a final
assessment result for the year; the records page lists exactly those results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org

from .selectors import rated_in

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


def _rated_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    """Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function."""
    return count_per_org(orgs, year, rated_in)


@metric(
    "assessment.units_rated",
    "完成考核评定的党组织",
    unit="个",
    records_url="assessment:records_rated",
    records=rated_in,
    per_org=_rated_per_org,
)
def units_rated(org: Organization, year: int) -> int:
    return rated_in(org, year).count()
