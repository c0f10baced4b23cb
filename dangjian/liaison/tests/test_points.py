"""Pairing a cadre with an organization: the period, the roster, no overlapping duplicate."""

from __future__ import annotations

from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.core.testing import MemberFactory
from dangjian.liaison import errors, services
from dangjian.liaison.models import LiaisonPoint

from .helpers import LiaisonTestCase, day


class PointTests(LiaisonTestCase):
    def test_it_pairs_a_cadre_with_an_organization_and_audits_it(self):
        point = self.point(end=day(12, 31))
        self.assertEqual((point.cadre, point.org, point.started_on), (self.cadre, self.w.branch_a1, day(1)))
        self.assertTrue(AuditEntry.objects.filter(object_pk=str(point.pk), action=AuditEntry.Action.CREATE).exists())

    def test_it_refuses_an_end_before_the_start(self):
        with self.assertRaises(errors.PeriodReversed) as refused:
            self.point(start=day(6), end=day(5))
        self.assertEqual(codes_of(refused.exception), {"period_reversed"})
        self.assertFalse(LiaisonPoint.objects.exists())

    def test_it_refuses_an_overlapping_pairing_of_the_same_cadre_and_organization(self):
        self.point(start=day(1), end=day(6, 30))
        for start, end in ((day(6, 30), None), (day(3), day(4)), (day(1).replace(year=day(1).year - 1), day(1))):
            with self.assertRaises(Exception) as refused:
                self.point(start=start, end=end)
            self.assertEqual(codes_of(refused.exception), {"pairing_overlaps"})
        self.assertEqual(LiaisonPoint.objects.count(), 1)

    def test_it_allows_a_new_pairing_after_the_last_one_ended_and_another_cadre_at_once(self):
        self.point(start=day(1), end=day(6, 30))
        self.point(start=day(7, 1))
        self.point(cadre=self.cadre2, start=day(3))
        self.assertEqual(LiaisonPoint.objects.count(), 3)

    def test_an_open_ended_pairing_overlaps_every_later_one(self):
        self.point(start=day(1))
        with self.assertRaises(Exception) as refused:
            self.point(start=day(11), end=day(12))
        self.assertEqual(codes_of(refused.exception), {"pairing_overlaps"})

    def test_it_refuses_a_cadre_of_another_committee(self):
        from dangjian.core.testing import make_org
        from dangjian.orgs.models import OrgKind

        other = make_org("GX", "另一工委", OrgKind.COMMITTEE)
        stranger = MemberFactory(name="外人", org=other)
        with self.assertRaises(Exception) as refused:
            self.point(cadre=stranger)
        self.assertEqual(codes_of(refused.exception), {"cadre_not_in_committee"})

    def test_it_refuses_the_committee_itself(self):
        with self.assertRaises(Exception) as refused:
            self.point(org=self.w.committee)
        self.assertEqual(codes_of(refused.exception), {"org_not_in_committee"})

    def test_a_new_period_must_keep_the_visits_inside(self):
        point = self.point(start=day(1))
        services.visit_log(point=point, visited_on=day(8), found="情况", today=day(12))
        with self.assertRaises(Exception) as refused:
            services.point_update(point=point, started_on=day(1), ended_on=day(6, 30))
        self.assertEqual(codes_of(refused.exception), {"visits_outside_period"})
        point.refresh_from_db()
        self.assertIsNone(point.ended_on)
        services.point_update(point=point, started_on=day(1), ended_on=day(8, 31), notes="调整")
        point.refresh_from_db()
        self.assertEqual(point.ended_on, day(8, 31))

    def test_the_cadre_picker_offers_the_committee_organ(self):
        from dangjian.liaison.selectors import cadre_choices

        self.assertEqual(set(cadre_choices(self.w.committee)), {self.cadre, self.cadre2})
