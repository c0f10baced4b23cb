"""The liaison tests' world: the named World plus the committee's own organ and two of its cadres.

Dates are fixed in LAST_YEAR (and TODAY, passed to the services), so no test
depends on the day it runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.utils import timezone

from dangjian.core.testing import BaseTestCase, MemberFactory, UnitFactory, make_org
from dangjian.liaison import services
from dangjian.liaison.models import LiaisonPoint, MobileLecture
from dangjian.orgs.models import OrgKind
from dangjian.people.models import Member

LAST_YEAR = timezone.localdate().year - 1
TODAY = dt.date(LAST_YEAR, 12, 1)  # "today" for service calls


def person(**fields: Any) -> Member:
    """A person of the roster (MemberFactory, typed)."""
    return cast(Member, MemberFactory(**fields))


def day(month: int, d: int = 1) -> dt.date:
    return dt.date(LAST_YEAR, month, d)


class LiaisonTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        w = self.w
        self.committee_unit = UnitFactory(name=w.committee.name)
        self.office = make_org(
            "GW01", "市直属机关工委机关党支部", OrgKind.BRANCH, w.committee, units=[self.committee_unit]
        )
        w.refresh()
        self.cadre = person(name="王书记", org=self.office, unit=self.committee_unit, job_title="常务副书记")
        self.cadre2 = person(name="赵部长", org=self.office, unit=self.committee_unit, job_title="组织部部长")

    def point(self, org=None, cadre=None, start=None, end=None) -> LiaisonPoint:
        return services.point_create(
            cadre=cadre or self.cadre, org=org or self.w.branch_a1, started_on=start or day(1), ended_on=end
        )

    def lecture(self, org=None, on=None, held=True) -> MobileLecture:
        lecture = services.lecture_create(
            topic="学习贯彻党的二十届四中全会精神", lecturer="市委党校 王教授", org=org or self.w.branch_a1,
            held_on=on or day(5, 10),
        )  # fmt: skip
        if held:
            lecture = services.lecture_mark_held(lecture=lecture, today=TODAY)
        return lecture
