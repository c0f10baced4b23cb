"""Figures this app registers (see dangjian.core.registry), each with the page of its records.

- annual.reports_sent: year-end reports of the year sent to the publicity workflow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org

from .selectors.reports import sent_in

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


def _sent_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    """Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function."""
    return count_per_org(orgs, year, sent_in)


@metric(
    "annual.reports_sent",
    "年度报告报送",
    unit="份",
    records_url="annual:records_sent",
    records=sent_in,
    per_org=_sent_per_org,
)
def reports_sent(org: Organization, year: int) -> int:
    return sent_in(org, year).count()
