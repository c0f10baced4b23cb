"""Figures this app registers (see dangjian.core.registry), each with the page of its records.

- annual.reports_sent: year-end reports of the year sent to the publicity workflow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian.core.registry import metric

from .selectors.reports import sent_in

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@metric("annual.reports_sent", "年度报告报送", unit="份", records_url="annual:records_sent", records=sent_in)
def reports_sent(org: Organization, year: int) -> int:
    return sent_in(org, year).count()
