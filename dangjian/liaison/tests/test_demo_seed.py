"""The demo seeder: pairings, visits within their periods and never ahead of today, lectures with
attendees from their rosters, requests in every state; the same seed writes the same data."""

from __future__ import annotations

import datetime as dt

from dangjian.core.seeding import SeedContext
from dangjian.core.testing import MemberFactory
from dangjian.liaison.demo import seed_liaison
from dangjian.liaison.models import LectureAttendance, LectureRequest, LectureStatus, LiaisonPoint, MobileLecture, Visit
from dangjian.liaison.selectors import roster_of

from .helpers import LiaisonTestCase

TODAY = dt.date(2026, 9, 15)


class DemoSeedTests(LiaisonTestCase):
    def seed(self) -> SeedContext:
        for org in (self.w.branch_a1, self.w.branch_a2, self.w.branch_b1, self.office):
            for _ in range(4):
                MemberFactory(org=org)
        ctx = SeedContext(scale="demo", seed=1, today=TODAY, root=self.w.committee, committee_index=0, people=True)
        seed_liaison(ctx)
        return ctx

    def test_it_seeds_a_plausible_year(self):
        ctx = self.seed()
        self.assertGreater(ctx.counts["联系点"], 0)
        self.assertEqual(LiaisonPoint.objects.count(), ctx.counts["联系点"])
        self.assertEqual({p.cadre_id for p in LiaisonPoint.objects.all()} - {self.cadre.pk, self.cadre2.pk}, set())
        for v in Visit.objects.select_related("point"):
            self.assertLessEqual(v.visited_on, TODAY)
            self.assertGreaterEqual(v.visited_on, v.point.started_on)
            self.assertTrue(v.point.ended_on is None or v.visited_on <= v.point.ended_on)
            self.assertEqual(v.org_id, v.point.org_id)
        held = MobileLecture.objects.filter(status=LectureStatus.HELD)
        self.assertTrue(held.exists())
        self.assertTrue(all(lec.held_on <= TODAY for lec in held))
        for a in LectureAttendance.objects.select_related("lecture__org"):
            self.assertTrue(roster_of(a.lecture.org).filter(pk=a.member_id).exists())
        self.assertGreaterEqual(len(set(LectureRequest.objects.values_list("status", flat=True))), 3)

    def test_the_same_seed_writes_the_same_data(self):
        self.seed()
        first = list(Visit.objects.order_by("id").values_list("org_id", "visited_on", "found"))
        for model in (
            LectureRequest,
            LectureAttendance,
            MobileLecture,
            Visit.followups.rel.related_model,
            Visit,
            LiaisonPoint,
        ):
            model.objects.all().delete()
        ctx = SeedContext(scale="demo", seed=1, today=TODAY, root=self.w.committee, committee_index=0, people=True)
        seed_liaison(ctx)
        self.assertEqual(list(Visit.objects.order_by("id").values_list("org_id", "visited_on", "found")), first)
