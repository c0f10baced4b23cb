"""Figures this app registers (see dangjian.core.registry), each with the page of its records.

- transfers.out: letters out of the committee issued in the year (cancelled ones not counted);
- transfers.in: letters into the committee received in the year (those sent back not counted);
- transfers.flow: members in flow (流动党员) at some time in the year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian.core.registry import metric

from . import selectors

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@metric("transfers.out", "组织关系转出", unit="人", records_url="transfers:out", records=selectors.out_letters_in)
def transfers_out(org: Organization, year: int) -> int:
    return selectors.out_letters_in(org, year).count()


@metric("transfers.in", "组织关系转入", unit="人", records_url="transfers:incoming", records=selectors.in_letters_in)
def transfers_in(org: Organization, year: int) -> int:
    return selectors.in_letters_in(org, year).count()


@metric("transfers.flow", "流动党员", unit="人", records_url="transfers:flow", records=selectors.flows_in)
def transfers_flow(org: Organization, year: int) -> int:
    return selectors.flows_in(org, year).count()
