"""Visits to a liaison point and their follow-up items."""

from __future__ import annotations

import datetime as dt

from dangjian.core.errors import codes_of
from dangjian.liaison import services
from dangjian.liaison.models import FollowUp, FollowUpStatus, Visit

from .helpers import LiaisonTestCase, day


class VisitTests(LiaisonTestCase):
    def setUp(self):
        super().setUp()
        self.p = self.point(start=day(2), end=day(11, 30))

    def test_it_logs_a_visit_with_follow_up_items(self):
        visit = services.visit_log(
            point=self.p, visited_on=day(3, 5), found="活动室制度未上墙", advised="按七有标准整改",
            followups=["制度上墙", "  ", "更新书刊"], today=day(12),
        )  # fmt: skip
        self.assertEqual(visit.org, self.w.branch_a1)
        self.assertEqual([f.content for f in visit.followups.all()], ["制度上墙", "更新书刊"])
        self.assertTrue(all(f.status == FollowUpStatus.OPEN and f.closed_at is None for f in visit.followups.all()))

    def test_it_refuses_a_visit_in_the_future(self):
        with self.assertRaises(Exception) as refused:
            services.visit_log(point=self.p, visited_on=day(6, 2), found="x", followups=["y"], today=day(6, 1))
        self.assertEqual(codes_of(refused.exception), {"visit_in_future"})
        self.assertFalse(Visit.objects.exists())
        self.assertFalse(FollowUp.objects.exists())

    def test_it_refuses_a_visit_outside_the_pairing(self):
        for outside in (day(1, 31), day(12, 1)):
            with self.assertRaises(Exception) as refused:
                services.visit_log(point=self.p, visited_on=outside, found="x", today=day(12, 31))
            self.assertEqual(codes_of(refused.exception), {"visit_outside_period"})
        self.assertFalse(Visit.objects.exists())

    def test_it_refuses_a_visit_without_what_was_found(self):
        with self.assertRaises(Exception) as refused:
            services.visit_log(point=self.p, visited_on=day(3), found="  ", today=day(12))
        self.assertEqual(codes_of(refused.exception), {"visit_empty"})

    def test_closing_a_follow_up_stamps_it_and_it_closes_once(self):
        visit = services.visit_log(point=self.p, visited_on=day(3), found="x", followups=["整改"], today=day(12))
        item = visit.followups.get()
        at = dt.datetime(2020, 1, 2, 3, 4, tzinfo=dt.UTC)
        closed = services.followup_close(item=item, note="已整改", by=self.w.staff, now=at)
        self.assertEqual((closed.status, closed.closed_at, closed.closed_note), (FollowUpStatus.CLOSED, at, "已整改"))
        self.assertEqual(closed.closed_by, self.w.staff)
        with self.assertRaises(Exception) as refused:
            services.followup_close(item=item)
        self.assertEqual(codes_of(refused.exception), {"followup_closed"})
