"""The dashboard's data: work lines, the trend, the organizations directly below compared."""

from __future__ import annotations

from django.test import override_settings

from dangjian.core import registry
from dangjian.core.testing import make_org
from dangjian.dashboard import selectors
from dangjian.orgs.models import OrgKind

from .helpers import DashboardTestCase


class BoardDataTests(DashboardTestCase):
    def test_each_work_line_gathers_its_apps_figures(self):
        lines = {line.key: [m.key for m in line.metrics] for line in selectors.work_lines()}
        self.assertIn("central_group.sessions", lines["study"])
        self.assertIn("lectures.mobile", lines["study"])
        self.assertIn("activity_rooms.standardized", lines["organization"])
        self.assertIn("info_reports.submitted", lines["publicity"])
        self.assertIn("volunteer.hours", lines["volunteer"])
        self.assertIn("brands.recognized", lines["brands"])
        self.assertEqual(lines["other"], ["test.count"])  # no line claims it

    def test_the_dashboards_own_bookkeeping_is_not_charted(self):
        self.assertNotIn("screens.links", [m.key for m in selectors.shown_metrics()])

    def test_a_deployment_may_regroup_the_lines(self):
        lines = (("mine", "测试条线", ("test.",)),)
        with override_settings(DANGJIAN={"dashboard": {"work_lines": lines}}):
            found = selectors.work_lines()
        self.assertEqual((found[0].key, [m.key for m in found[0].metrics]), ("mine", ["test.count"]))
        self.assertEqual(found[-1].key, "other")

    def test_the_trend_covers_five_years_ending_with_the_year_shown(self):
        self.add(self.w.branch_a1, 2020, 1)
        self.add(self.w.branch_a2, 2024, 2)
        self.add(self.w.branch_b1, 2024, 5)
        data = selectors.board(self.w.org_a, 2024)
        self.assertEqual(data["years"], [2020, 2021, 2022, 2023, 2024])
        self.assertEqual(self.line(data)["trend"], [1, 0, 0, 0, 2])
        self.assertEqual(self.line(data)["value"], 2)

    def test_the_comparison_lists_the_organizations_directly_below_without_party_groups(self):
        make_org("A0101", "第一党小组", OrgKind.GROUP, self.w.branch_a1)
        self.add(self.w.org_a, 2024, 1)  # the party committee's own: in neither branch
        self.add(self.w.branch_a2, 2024, 4)
        self.w.refresh()
        data = selectors.board(self.w.committee, 2024)
        self.assertEqual([c["code"] for c in data["children"]], ["A", "B"])
        self.assertEqual(self.line(data)["compare"], [5, 0])
        below_a = selectors.board(self.w.org_a, 2024)
        self.assertEqual([c["code"] for c in below_a["children"]], ["A01", "A02"])
        self.assertEqual(self.line(below_a)["compare"], [0, 4])
        self.assertEqual(selectors.board(self.w.branch_a1, 2024)["children"], [])

    def test_figures_follow_a_write(self):
        self.assertEqual(self.line(selectors.board(self.w.committee, 2024))["value"], 0)
        self.add(self.w.branch_b1, 2024, 3)
        self.assertEqual(self.line(selectors.board(self.w.committee, 2024))["value"], 3)

    def test_a_figure_others_add_to_shows_its_parts(self):
        own = registry.metric("test.classes", "测试培训班", unit="期")(lambda org, year: 10)
        added = registry.metric("test.brand_classes", "测试品牌培训", unit="期", adds_to="test.classes")(
            lambda org, year: 3
        )
        with registry.installed_for_test(own, added):
            data = selectors.board(self.w.committee, 2024)
        item = self.line(data, "test.classes")
        self.assertEqual(item["value"], 13)
        self.assertEqual(
            [(p["key"], p["value"]) for p in item["parts"]], [("test.classes", 10), ("test.brand_classes", 3)]
        )
        self.assertEqual(self.line(data)["parts"], [])

    def test_the_display_leaves_the_links_out(self):
        data = selectors.board(self.w.committee, 2024, links=False)
        item = self.line(data, "activity_rooms.standardized")
        self.assertEqual((item["records"], item["records_base"]), ("", ""))
