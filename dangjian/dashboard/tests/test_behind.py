"""The organizations behind this month: the checks of the settings against this year's figures."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from dangjian.dashboard import selectors

from .helpers import DashboardTestCase

TODAY = dt.date(2026, 3, 15)
CHECKS = {"dashboard": {"behind_checks": [["test.count", "above", 2], ["no.such_key", "above", 0]]}}


class BehindTests(DashboardTestCase):
    def behind(self, org):
        with override_settings(DANGJIAN=CHECKS):
            return selectors.board(org, 2024, today=TODAY)["behind"]

    def test_it_names_the_organizations_below_that_fail_a_check_this_year(self):
        self.add(self.w.org_a, 2026, 3)
        self.add(self.w.org_b, 2026, 2)  # not above 2
        self.add(self.w.org_b, 2024, 9)  # another year
        behind = self.behind(self.w.committee)
        self.assertEqual(behind["year"], 2026)
        self.assertEqual(behind["checked"], 2)
        self.assertEqual([r["code"] for r in behind["rows"]], ["A"])
        self.assertEqual(behind["rows"][0]["cells"][0]["value"], 3)
        self.assertTrue(behind["rows"][0]["cells"][0]["behind"])

    def test_a_check_of_a_figure_nobody_registers_is_skipped(self):
        columns = self.behind(self.w.committee)["columns"]
        self.assertEqual([c["key"] for c in columns], ["test.count"])
        self.assertEqual(columns[0]["rule"], "测试事项多于 2件")

    def test_an_organization_with_nothing_below_is_checked_itself(self):
        self.add(self.w.branch_a1, 2026, 5)
        behind = self.behind(self.w.branch_a1)
        self.assertEqual(behind["checked"], 1)
        self.assertEqual([r["code"] for r in behind["rows"]], ["A01"])

    def test_the_default_checks_read_organization_life_terms_and_rectifications(self):
        keys = [c.metric.key for c in selectors.behind_checks()]
        self.assertEqual(
            keys, ["org_life.compliance_rate", "orgs.elections_overdue", "activity_rooms.rectifications_overdue"]
        )

    def test_each_cell_links_to_the_records_behind_it(self):
        with override_settings(DANGJIAN={"dashboard": {"behind_checks": [["orgs.elections_overdue", "above", -1]]}}):
            behind = selectors.board(self.w.committee, 2024, today=TODAY)["behind"]
        self.assertEqual(behind["rows"][0]["cells"][0]["records"], "/orgs/records/overdue/?org=A&year=2026")
