"""The four figures: each equals the rows of its records page, for a subtree and a year."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core import registry
from dangjian.core.testing import MemberFactory
from dangjian.liaison import services

from .helpers import LAST_YEAR, TODAY, LiaisonTestCase, day

KEYS = ("liaison.points", "liaison.visits", "lectures.mobile", "lectures.mobile_attendance")


class StatsTests(LiaisonTestCase):
    def setUp(self):
        super().setUp()
        a = self.point(start=day(1))
        b = self.point(org=self.w.branch_b1, start=day(3), end=day(9, 30))
        self.point(org=self.w.org_a, start=day(1).replace(year=LAST_YEAR - 2), end=day(1).replace(year=LAST_YEAR - 1))
        for when in (day(2), day(4), day(1).replace(year=LAST_YEAR + 1)):
            services.visit_log(point=a, visited_on=when, found="情况", today=max(when, TODAY))
        services.visit_log(point=b, visited_on=day(5), found="情况", today=TODAY)
        held_a = self.lecture(org=self.w.org_a)
        services.attendance_set(
            lecture=held_a, members=[self.w.person_a, MemberFactory(org=self.w.branch_a2)], today=TODAY
        )
        held_b = self.lecture(org=self.w.branch_b1)
        services.attendance_set(lecture=held_b, members=[self.w.person_b], today=TODAY)
        scheduled = self.lecture(org=self.w.branch_a1, on=day(12, 20), held=False)
        self.assertFalse(scheduled.is_held)

    def figures(self, org, year=LAST_YEAR) -> dict:
        return {key: registry.get(key)(org, year) for key in KEYS}

    def test_it_counts_for_the_committee_and_for_a_subtree(self):
        self.assertEqual(
            self.figures(self.w.committee),
            {"liaison.points": 2, "liaison.visits": 3, "lectures.mobile": 2, "lectures.mobile_attendance": 3},
        )
        self.assertEqual(
            self.figures(self.w.org_a),
            {"liaison.points": 1, "liaison.visits": 2, "lectures.mobile": 1, "lectures.mobile_attendance": 2},
        )

    def test_a_scheduled_lecture_and_another_years_visit_do_not_count(self):
        self.assertEqual(self.figures(self.w.branch_a1)["lectures.mobile"], 0)
        self.assertEqual(self.figures(self.w.committee, LAST_YEAR + 1)["liaison.visits"], 1)

    def test_each_figure_equals_the_rows_of_its_records_page(self):
        self.login_as(self.w.staff)
        for org in (self.w.committee, self.w.org_a, self.w.org_b):
            for key in KEYS:
                metric = registry.get(key)
                response = self.client.get(reverse(metric.records_url), {"org": org.code, "year": LAST_YEAR})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"].paginator.count, metric(org, LAST_YEAR), (key, org.code))
                assert metric.records is not None
                self.assertEqual(metric.records(org, LAST_YEAR).count(), metric(org, LAST_YEAR))
