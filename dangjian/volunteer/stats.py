"""Metrics this app registers (see dangjian.core.registry).

Each figure has a page listing the records behind it (?org=CODE&year=YYYY):
brigades and activities link to their lists, person-times and hours to the
service records (志愿服务记录), which are written when an activity's hours are
confirmed — so a figure counts only service that actually took place.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Sum

from dangjian.core.registry import metric
from dangjian.orgs.selectors import count_per_org, sum_per_org

from .selectors import activities_in, brigades_in, records_in

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from dangjian.orgs.models import Organization


# Many organizations at once (registry.per_org): one grouped query per tree, the same figure as the function.


def _brigades_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, brigades_in)


def _activities_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, activities_in)


def _participations_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    return count_per_org(orgs, year, records_in)


def _hours_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, float]:
    totals = sum_per_org(orgs, year, records_in, "hours", zero=Decimal(0))
    return {pk: float(h) for pk, h in totals.items()}


@metric("volunteer.brigades", "志愿服务支队", unit="支", records_url="volunteer:brigades", per_org=_brigades_per_org)
def brigades(org: Organization, year: int) -> int:
    return brigades_in(org, year).count()


@metric(
    "volunteer.activities", "志愿服务活动", unit="次", records_url="volunteer:activities", per_org=_activities_per_org
)
def activities(org: Organization, year: int) -> int:
    return activities_in(org, year).count()


@metric(
    "volunteer.participations",
    "志愿服务参与",
    unit="人次",
    records_url="volunteer:records",
    per_org=_participations_per_org,
)
def participations(org: Organization, year: int) -> int:
    return records_in(org, year).count()


@metric("volunteer.hours", "志愿服务时长", unit="小时", records_url="volunteer:records", per_org=_hours_per_org)
def hours(org: Organization, year: int) -> float:
    total = records_in(org, year).aggregate(h=Sum("hours"))["h"] or Decimal(0)
    return float(total)
