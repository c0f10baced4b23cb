"""Metrics this app registers (see dangjian.core.registry), each with its records page.

`dues.expected`: the year's dues of every base declared for YEAR in the subtree
(12 × the monthly dues); its records are those bases. `dues.collected`: the dues
paid (not voided) for months of YEAR in the subtree, voluntary extras apart; its
records are those payments. Both in yuan: the sums are Decimal to the cent and
turned into a number only here, at the registry's boundary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian.core.registry import metric

from .selectors import bases_in, collected_per_org, collected_total, expected_per_org, expected_total, payments_in

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@metric(
    "dues.expected",
    "应缴党费",
    unit="元",
    records_url="dues:records_expected",
    records=bases_in,
    per_org=expected_per_org,
)
def expected(org: Organization, year: int) -> float:
    return float(expected_total(org, year))


@metric(
    "dues.collected",
    "实缴党费",
    unit="元",
    records_url="dues:records_collected",
    records=payments_in,
    per_org=collected_per_org,
)
def collected(org: Organization, year: int) -> float:
    return float(collected_total(org, year))
