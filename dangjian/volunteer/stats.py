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

from .selectors import activities_in, brigades_in, records_in

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@metric("volunteer.brigades", "志愿服务支队", unit="支", records_url="volunteer:brigades")
def brigades(org: Organization, year: int) -> int:
    return brigades_in(org, year).count()


@metric("volunteer.activities", "志愿服务活动", unit="次", records_url="volunteer:activities")
def activities(org: Organization, year: int) -> int:
    return activities_in(org, year).count()


@metric("volunteer.participations", "志愿服务参与", unit="人次", records_url="volunteer:records")
def participations(org: Organization, year: int) -> int:
    return records_in(org, year).count()


@metric("volunteer.hours", "志愿服务时长", unit="小时", records_url="volunteer:records")
def hours(org: Organization, year: int) -> float:
    total = records_in(org, year).aggregate(h=Sum("hours"))["h"] or Decimal(0)
    return float(total)
