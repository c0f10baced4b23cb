"""Metrics this app registers (see dangjian.core.registry)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org

from .selectors import full_time_deputy_posts

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


def _full_time_deputies_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    """Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function."""
    return count_per_org(orgs, year, lambda o, y: full_time_deputy_posts(org=o, year=y))


@metric(
    "cadres.full_time_deputy_secretaries",
    "专职副书记任命",
    unit="名",
    records_url="people:full_time_deputies",
    per_org=_full_time_deputies_per_org,
)
def full_time_deputy_secretaries(org: Organization, year: int) -> int:
    """专职副书记 appointed in YEAR in ORG's subtree (posts whose tenure started that year)."""
    return full_time_deputy_posts(org=org, year=year).count()
