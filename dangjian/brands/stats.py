"""Metrics this app registers (see dangjian.core.registry), each with its records page.

The seed report's year: 63 brands submitted, 30 recognized.

The brand training and exchange events the committee counts as training (计入培训统计) are
figures of this app that also add to the study app's training figures (`adds_to`): the
dashboard's and the annual report's training.classes and training.attendances include them,
with neither app importing the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org, sum_per_org

from .selectors import (
    counted_attendances,
    counted_exchanges,
    downgraded_in,
    recognized_in,
    revoked_in,
    submitted_in,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from dangjian.orgs.models import Organization


# Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function.


def _submitted_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, submitted_in)


def _recognized_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, recognized_in)


def _downgraded_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, downgraded_in, "brand__org")


def _revoked_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, revoked_in, "brand__org")


def _training_sessions_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, counted_exchanges, "committee")


def _training_attendances_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return sum_per_org(orgs, year, counted_exchanges, "attendees", "committee")


@metric(
    "brands.submitted",
    "党建品牌申报",
    unit="个",
    records_url="brands:records_submitted",
    records=submitted_in,
    per_org=_submitted_per_org,
)
def submitted(org: Organization, year: int) -> int:
    return submitted_in(org, year).count()


@metric(
    "brands.recognized",
    "党建品牌认定",
    unit="个",
    records_url="brands:records_recognized",
    records=recognized_in,
    per_org=_recognized_per_org,
)
def recognized(org: Organization, year: int) -> int:
    return recognized_in(org, year).count()


@metric(
    "brands.downgraded",
    "党建品牌降级",
    unit="个",
    records_url="brands:records_downgraded",
    records=downgraded_in,
    per_org=_downgraded_per_org,
)
def downgraded(org: Organization, year: int) -> int:
    return downgraded_in(org, year).count()


@metric(
    "brands.revoked",
    "党建品牌撤销",
    unit="个",
    records_url="brands:records_revoked",
    records=revoked_in,
    per_org=_revoked_per_org,
)
def revoked(org: Organization, year: int) -> int:
    return revoked_in(org, year).count()


@metric(
    "brands.training_sessions",
    "品牌培训交流（计入培训班）",
    unit="期",
    records_url="brands:records_training",
    records=counted_exchanges,
    per_org=_training_sessions_per_org,
    adds_to="training.classes",
)
def training_sessions(org: Organization, year: int) -> int:
    return counted_exchanges(org, year).count()


@metric(
    "brands.training_attendances",
    "品牌培训交流参加人次（计入培训）",
    unit="人次",
    records_url="brands:records_training",
    per_org=_training_attendances_per_org,
    adds_to="training.attendances",
)
def training_attendances(org: Organization, year: int) -> int:
    return counted_attendances(org, year)
