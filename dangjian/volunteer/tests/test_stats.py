"""The four registered figures, for a subtree and a year, and the pages behind them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from dangjian.core import registry
from dangjian.volunteer.models import ActivityStatus

from .helpers import VolunteerTestCase, make_activity, people, record_for

KEYS = ("volunteer.brigades", "volunteer.activities", "volunteer.participations", "volunteer.hours")


class StatsTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        self.year = timezone.localdate().year
        past = make_activity(self.brigade_a, starts_in=-dt.timedelta(hours=5))
        if timezone.localtime(past.starts_at).year != self.year:  # the first hours of 1 January
            past = make_activity(self.brigade_a, starts_in=dt.timedelta(hours=1))
        for m, h in zip(people(self.w.branch_a1, 3), ("2.00", "2.50", "1.00"), strict=True):
            record_for(past, m, hours=h)
        make_activity(self.brigade_a, status=ActivityStatus.DRAFT)
        make_activity(self.brigade_b, status=ActivityStatus.CANCELLED)

    def figures(self, org, year=None) -> dict:
        values = registry.compute(org, year or self.year)
        return {k: values[k] for k in KEYS}

    def test_it_registers_the_four_keys_with_a_records_page(self):
        metrics = {m.key: m for m in registry.metrics()}
        for key in KEYS:
            self.assertIn(key, metrics)
            self.assertTrue(reverse(metrics[key].records_url))

    def test_it_counts_for_the_committee(self):
        self.assertEqual(
            self.figures(self.w.committee),
            {"volunteer.brigades": 2, "volunteer.activities": 2, "volunteer.participations": 3, "volunteer.hours": 5.5},
        )

    def test_it_counts_only_the_subtree(self):
        self.assertEqual(self.figures(self.w.org_b)["volunteer.brigades"], 1)
        self.assertEqual(self.figures(self.w.org_b)["volunteer.activities"], 0)  # B's only one was cancelled
        self.assertEqual(self.figures(self.w.org_b)["volunteer.hours"], 0)

    def test_it_counts_nothing_for_another_year(self):
        figures = self.figures(self.w.committee, self.year - 3)
        self.assertEqual(figures["volunteer.activities"], 0)
        self.assertEqual(figures["volunteer.participations"], 0)

    def test_it_leaves_out_a_brigade_dissolved_before_the_year(self):
        self.brigade_b.dissolved_on = dt.date(self.year - 1, 6, 30)
        self.brigade_b.save()
        self.assertEqual(self.figures(self.w.committee)["volunteer.brigades"], 1)

    def test_it_links_the_dashboard_figures_to_pages_that_add_up(self):
        self.login_as(self.w.staff)
        records = self.client.get(f"/volunteer/records/?org=GW&year={self.year}")
        self.assertEqual(records.context["totals"]["n"], 3)
        activities = self.client.get(f"/volunteer/activities/?org=GW&year={self.year}")
        self.assertEqual(activities.context["page"].paginator.count, 2)
        brigades = self.client.get(f"/volunteer/brigades/?org=GW&year={self.year}")
        self.assertEqual(len(brigades.context["brigades"]), 2)

    def test_it_answers_an_organization_out_of_reach_with_a_recorded_404(self):
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(f"/volunteer/records/?org=A&year={self.year}").status_code, 404)
