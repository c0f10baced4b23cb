"""Metrics this app registers (see dangjian.core.registry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian.core.registry import metric

from .selectors import full_time_deputy_posts

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@metric(
    "cadres.full_time_deputy_secretaries",
    "专职副书记任命",
    unit="名",
    records_url="people:full_time_deputies",
)
def full_time_deputy_secretaries(org: Organization, year: int) -> int:
    """专职副书记 appointed in YEAR in ORG's subtree (posts whose tenure started that year)."""
    return full_time_deputy_posts(org=org, year=year).count()
