"""DOMAIN.md's seed year: 3 collective central-group sessions with 900+ attendances of division-level
cadres, 17 training classes with 2,800+ attendances. Recorded through the services, the figures
come back out of the statistics exactly."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from dangjian.core import registry
from dangjian.core.testing import MemberFactory
from dangjian.people.models import CadreRank, Member
from dangjian.study.models import GroupKind, VenueKind
from dangjian.study.services import central_group as cg
from dangjian.study.services import signin
from dangjian.study.services import training as tr
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase

YEAR = 2019


def marks_for(people, **counts):
    """Marks for PEOPLE in order: so many present, late, excused, absent."""
    marks, i = {}, 0
    for status, n in counts.items():
        for p in people[i : i + n]:
            marks[p.pk] = MarkIn(status, "公务出差" if status in ("excused", "absent") else "")
        i += n
    assert i == len(people)
    return marks


class SeedYearTests(StudyTestCase):
    # The year is recorded once for the class (some 9,000 marks); the tests only read it.
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        branches = [cls.w.branch_a1, cls.w.branch_a2, cls.w.branch_b1]
        division = [MemberFactory(org=branches[i % 3], cadre_rank=CadreRank.DIVISION) for i in range(320)]
        others = [MemberFactory(org=branches[i % 3], cadre_rank=CadreRank.SECTION) for i in range(40)]
        cls.record_the_year(division + others)

    @classmethod
    def record_the_year(cls, pool):
        """POOL: the 320 division-level cadres, then 40 others."""
        joint = cg.group_create(org=cls.w.committee, name="市直机关中心组", kind=GroupKind.JOINT, by=cls.w.staff)
        invitees = list(Member.objects.filter(cadre_rank=CadreRank.DIVISION).order_by("pk"))
        plans = [
            (dt.date(YEAR, 3, 15), dict(present=300, late=8, excused=12)),
            (dt.date(YEAR, 6, 20), dict(present=296, late=6, excused=10, absent=8)),
            (dt.date(YEAR, 11, 8), dict(present=310, late=2, excused=8)),
        ]
        for day, counts in plans:
            s = cg.session_plan(
                group=joint, held_on=day, topic="市直机关中心组专题学习", invitees=invitees, by=cls.w.staff
            )
            cg.session_record(session=s, marks=marks_for(invitees, **counts), by=cls.w.staff)
        # Not counted: a session planned but never held, and one of another year.
        cg.session_plan(
            group=joint, held_on=dt.date(YEAR, 12, 20), topic="未举行", invitees=invitees[:5], by=cls.w.staff
        )
        s = cg.session_plan(
            group=joint, held_on=dt.date(YEAR + 1, 1, 10), topic="次年", invitees=invitees[:5], by=cls.w.staff
        )
        cg.session_record(session=s, marks=marks_for(invitees[:5], present=5), by=cls.w.staff)

        for i in range(17):
            start = dt.date(YEAR, 1 + (i * 11) // 17, 10 + i % 5)
            k = tr.class_create(
                org=cls.w.committee,
                title=f"{YEAR}年第{i + 1}期培训班",
                venue_kind=VenueKind.PARTY_SCHOOL,
                starts_on=start,
                ends_on=start + dt.timedelta(days=1),
                hours=Decimal("12"),
                capacity=200,
                by=cls.w.staff,
            )
            people = pool[i * 10 : i * 10 + 170]
            tr.enrol(klass=k, people=people, by=cls.w.staff, on=start - dt.timedelta(days=5))
            day1, day2 = k.days.all()
            # 167 attend at least one day (150 both days, 17 only the first); 3 are away both days.
            signin.day_mark(day=day1, marks=marks_for(people, present=160, late=7, excused=3), by=cls.w.staff)
            signin.day_mark(day=day2, marks=marks_for(people, present=150, absent=17, excused=3), by=cls.w.staff)
        cancelled = tr.class_create(
            org=cls.w.committee,
            title="取消的培训班",
            venue_kind=VenueKind.ONLINE,
            starts_on=dt.date(YEAR, 12, 1),
            ends_on=dt.date(YEAR, 12, 1),
            hours=Decimal("6"),
            by=cls.w.staff,
        )
        tr.enrol(klass=cancelled, people=pool[:10], by=cls.w.staff, on=dt.date(YEAR, 11, 1))
        signin.day_mark(day=cancelled.days.get(), marks=marks_for(pool[:10], present=10), by=cls.w.staff)
        tr.class_cancel(klass=cancelled, by=cls.w.staff)

    def test_the_year_comes_back_out_of_the_statistics_exactly(self):
        figures = registry.compute(self.w.committee, YEAR)
        self.assertEqual(figures["central_group.sessions"], 3)
        self.assertEqual(figures["central_group.attendances"], 308 + 302 + 312)  # 922: "900多人次"
        self.assertEqual(figures["training.classes"], 17)
        self.assertEqual(figures["training.attendances"], 17 * 167)  # 2839: "2800余人次"
        # A party committee's subtree holds none of the committee's own sessions and classes.
        self.assertEqual(registry.compute(self.w.org_a, YEAR)["central_group.sessions"], 0)
        self.assertEqual(registry.compute(self.w.org_a, YEAR)["training.classes"], 0)

    def test_the_records_pages_and_the_dashboard_list_the_same_numbers(self):
        self.login_as(self.w.staff)
        query = {"org": "GW", "year": YEAR}
        self.assertContains(self.client.get(reverse("study:records_sessions"), query), "共 3 次集体学习，参学 922 人次")
        self.assertContains(self.client.get(reverse("study:records_session_attendances"), query), "共 922 人次")
        self.assertContains(self.client.get(reverse("study:records_classes"), query), "共 17 期")
        self.assertContains(self.client.get(reverse("study:records_training_attendances"), query), "共 2839 人次")
        r = self.client.get(reverse("core:dashboard"), {"org": "GW", "year": YEAR})
        self.assertContains(r, f'href="{reverse("study:records_session_attendances")}?org=GW&amp;year={YEAR}"')
        self.assertContains(r, ">922<")
        self.assertContains(r, ">2839<")
