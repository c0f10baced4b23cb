"""Figures this app registers (see dangjian.core.registry), each with the page of its records.

- transfers.out: letters out of the committee issued in the year (cancelled ones not counted);
- transfers.in: letters into the committee received in the year (those sent back not counted);
- transfers.flow: members in flow (流动党员) at some time in the year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org

from . import selectors

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization

# Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function.


def _out_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, selectors.out_letters_in)


def _in_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, selectors.in_letters_in)


def _flow_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, selectors.flows_in)


@metric(
    "transfers.out",
    "组织关系转出",
    unit="人",
    records_url="transfers:out",
    records=selectors.out_letters_in,
    per_org=_out_per_org,
)
def transfers_out(org: Organization, year: int) -> int:
    return selectors.out_letters_in(org, year).count()


@metric(
    "transfers.in",
    "组织关系转入",
    unit="人",
    records_url="transfers:incoming",
    records=selectors.in_letters_in,
    per_org=_in_per_org,
)
def transfers_in(org: Organization, year: int) -> int:
    return selectors.in_letters_in(org, year).count()


@metric(
    "transfers.flow",
    "流动党员",
    unit="人",
    records_url="transfers:flow",
    records=selectors.flows_in,
    per_org=_flow_per_org,
)
def transfers_flow(org: Organization, year: int) -> int:
    return selectors.flows_in(org, year).count()
