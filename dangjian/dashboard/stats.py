"""The figure this app registers (see dangjian.core.registry), with its records page.

screens.links: the display links (大屏链接) made in the year for organizations of the
subtree; the records page is the links page, which committee staff see.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org

from .selectors import links_in

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


def _links_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    """Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function."""
    return count_per_org(orgs, year, links_in)


@metric(
    "screens.links",
    "大屏展示链接",
    unit="个",
    records_url="dashboard:screens",
    records=links_in,
    per_org=_links_per_org,
)
def links(org: Organization, year: int) -> int:
    return links_in(org, year).count()
