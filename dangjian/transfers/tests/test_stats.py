"""The figures: each equals the rows of its records page, for a subtree and a year."""

from __future__ import annotations

from django.urls import reverse

from dangjian.core import registry
from dangjian.transfers import services

from .helpers import LAST_YEAR, TODAY, TransfersTestCase, day, person

KEYS = ("transfers.out", "transfers.in", "transfers.flow")


class StatsTests(TransfersTestCase):
    def setUp(self):
        super().setUp()
        self.flow()  # person_a, away until the letter out below ends it
        self.issue()  # A01
        services.letter_cancel(letter=self.issue(person(org=self.w.branch_a2)), reason="调动取消")  # not counted
        self.issue(person(org=self.w.branch_b1), issued_on=day(3, 1))
        self.receive(place_in=self.w.branch_a2)
        self.receive(number="另一封", org=self.w.committee)  # waiting, filed at the committee
        services.in_letter_return(letter=self.receive(number="退回的"), reason="抬头有误")  # not counted
        self.flow(self.w.person_b, by=self.w.staff, since=day(1, 1).replace(year=LAST_YEAR - 1))
        f = self.flow(person(org=self.w.branch_b1), by=self.w.staff, since=day(1, 1).replace(year=LAST_YEAR - 2))
        services.flow_end(flow=f, returned_on=day(6, 1).replace(year=LAST_YEAR - 2), today=TODAY)  # another year

    def figures(self, org, year=LAST_YEAR) -> dict:
        return {key: registry.get(key)(org, year) for key in KEYS}

    def test_it_counts_for_the_committee_and_for_a_subtree(self):
        self.assertEqual(self.figures(self.w.committee), {"transfers.out": 2, "transfers.in": 2, "transfers.flow": 2})
        self.assertEqual(self.figures(self.w.org_a), {"transfers.out": 1, "transfers.in": 1, "transfers.flow": 1})
        self.assertEqual(self.figures(self.w.committee, LAST_YEAR + 1)["transfers.out"], 0)

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
