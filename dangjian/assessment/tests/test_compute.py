from decimal import Decimal

from django.core.exceptions import ValidationError

from dangjian.assessment import services
from dangjian.assessment.models import Grade, OrgResult
from dangjian.core.errors import codes_of
from dangjian.core.testing import BaseTestCase

from .helpers import EXAMPLE, build_scheme, figures, indicator, self_indicator


class ComputeTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.scheme = build_scheme(self.w)

    def _compute(self, values=EXAMPLE):
        with figures(values):
            return services.results_compute(scheme=self.scheme, by=self.w.staff)

    def test_it_combines_every_source_into_the_worked_example(self):
        mark = services.mark_self(scheme=self.scheme, indicator=self_indicator(self.scheme), org=self.w.branch_a1,
                                  points=Decimal(6), by=self.w.admin_a)  # fmt: skip
        services.mark_review(scheme=self.scheme, mark=mark, decision="accepted", by=self.w.staff)
        services.mark_committee(scheme=self.scheme, indicator=indicator(self.scheme, "重点任务"),
                                points={self.w.branch_a1: Decimal(9)}, by=self.w.staff)  # fmt: skip
        rs = self._compute()
        r = rs.results.get(org=self.w.branch_a1)
        # 20% × 90 + 50% × (32 + 15 + 18) + 30% × 85
        self.assertEqual(r.score, Decimal("76.00"))
        self.assertEqual(r.components, {"performance": "90.00", "party": "65.00", "evaluation": "85.00"})
        self.assertEqual(r.grade, Grade.FAIR)
        self.assertEqual(r.rank, 1)
        rows = {b["indicator"]: b for b in r.breakdown}
        self.assertEqual(rows["信息报送"]["figure"], "2")
        self.assertEqual(rows["信息报送"]["points"], "5.00")
        self.assertIn("/publicity/", rows["信息报送"]["link"])
        self.assertIn("org=A01&year=2026", rows["信息报送"]["link"])
        self.assertEqual(rows["重点任务"]["note"], "1 名评分人员平均")

    def test_it_rates_every_party_organization_but_no_group_nor_the_committee(self):
        rs = self._compute()
        self.assertEqual(sorted(rs.results.values_list("org__code", flat=True)), ["A", "A01", "A02", "B", "B01"])

    def test_target_rule_gives_full_points_at_the_target_and_never_more(self):
        rs = self._compute({**EXAMPLE, "info_reports.submitted": {"A01": 9}})
        rows = {b["indicator"]: b for b in rs.results.get(org=self.w.branch_a1).breakdown}
        self.assertEqual(rows["信息报送"]["points"], "10.00")

    def test_assessors_scores_are_averaged(self):
        self.scheme.assessors.add(self.w.staff)
        other = self.w.staff.__class__.objects.create(username="staff2")
        from dangjian.accounts.models import Role, RoleAssignment

        RoleAssignment.objects.create(user=other, role=Role.COMMITTEE_STAFF, org=self.w.committee)
        self.scheme.assessors.add(other)
        ind = indicator(self.scheme, "重点任务")
        services.mark_committee(scheme=self.scheme, indicator=ind, points={self.w.org_b: Decimal(8)}, by=self.w.staff)
        services.mark_committee(scheme=self.scheme, indicator=ind, points={self.w.org_b: Decimal(6)}, by=other)
        rs = self._compute()
        rows = {b["indicator"]: b for b in rs.results.get(org=self.w.org_b).breakdown}
        self.assertEqual(rows["重点任务"]["points"], "7.00")

    def test_a_room_below_standard_caps_the_grade(self):
        values = {**EXAMPLE, "org_life.compliance_rate": {"B01": 100}, "info_reports.submitted": {"B01": 4},
                  "evaluation.score": {"B01": 100}, "activity_rooms.standardized": {}}  # fmt: skip
        mark = services.mark_self(scheme=self.scheme, indicator=self_indicator(self.scheme), org=self.w.branch_b1,
                                  points=Decimal(10))  # fmt: skip
        services.mark_review(scheme=self.scheme, mark=mark, decision="accepted")
        services.mark_committee(scheme=self.scheme, indicator=indicator(self.scheme, "重点任务"),
                                points={self.w.branch_b1: Decimal(10)}, by=self.w.staff)  # fmt: skip
        rs = self._compute(values)
        r = rs.results.get(org=self.w.branch_b1)
        self.assertEqual(r.score, Decimal("100.00"))
        self.assertEqual(r.raw_grade, Grade.EXCELLENT)
        self.assertEqual(r.grade, Grade.GOOD)
        self.assertTrue(any("活动室" in c for c in r.capped_by))

    def test_no_gate_when_the_scheme_sets_none(self):
        self.scheme.__class__.objects.filter(pk=self.scheme.pk).update(room_gate_cap="", election_gate_cap="")
        self.scheme.refresh_from_db()
        rs = self._compute({**EXAMPLE, "activity_rooms.standardized": {}})
        self.assertFalse(any(r.capped_by for r in rs.results.all()))

    def test_an_overdue_election_caps_the_grade(self):
        import datetime as dt

        from dangjian.orgs.models import Election

        Election.objects.create(org=self.w.branch_b1, held_on=dt.date(2020, 1, 10))
        rs = self._compute()
        r = rs.results.get(org=self.w.branch_b1)
        self.assertTrue(any("换届超期" in c for c in r.capped_by), r.capped_by)
        self.assertFalse(rs.results.get(org=self.w.branch_a1).capped_by)

    def test_equal_scores_share_a_rank(self):
        rs = self._compute({})
        ranks = sorted(rs.results.values_list("rank", flat=True))
        self.assertEqual(ranks, [1, 1, 1, 1, 1])

    def test_recomputing_replaces_the_rows(self):
        self._compute()
        rs = self._compute({**EXAMPLE, "org_life.compliance_rate": {"A01": 100}})
        self.assertEqual(OrgResult.objects.count(), 5)
        rows = {b["indicator"]: b for b in rs.results.get(org=self.w.branch_a1).breakdown}
        self.assertEqual(rows["三会一课"]["points"], "10.00")

    def test_a_draft_is_not_computed(self):
        draft = build_scheme(self.w, publish=False, year=2025)
        with self.assertRaises(ValidationError) as ctx, figures(EXAMPLE):
            services.results_compute(scheme=draft, by=self.w.staff)
        self.assertIn("scheme_not_published", codes_of(ctx.exception))

    def test_an_organization_administrator_cannot_compute(self):
        with self.assertRaises(ValidationError) as ctx, figures(EXAMPLE):
            services.results_compute(scheme=self.scheme, by=self.w.admin_a)
        self.assertIn("assessment_staff_only", codes_of(ctx.exception))
        self.assertFalse(OrgResult.objects.exists())
