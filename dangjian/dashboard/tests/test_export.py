"""Each chart's data as an Excel download: the trend, the comparison, the organizations behind."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from openpyxl import load_workbook

from .helpers import DashboardTestCase

YEAR = timezone.localdate().year


def sheet(response):
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


class ExportTests(DashboardTestCase):
    def setUp(self):
        super().setUp()
        self.login_as(self.w.staff)

    def test_the_trend_of_a_line_lists_each_figure_by_year(self):
        self.add(self.w.branch_a1, 2023, 4)
        response = self.client.get("/charts/export/", {"org": "A", "year": 2024, "line": "other", "chart": "trend"})
        self.assertEqual(response.status_code, 200)
        self.assertIn(".xlsx", response["Content-Disposition"])
        rows = sheet(response)
        self.assertEqual(rows[0], ("指标", "单位", "2020年", "2021年", "2022年", "2023年", "2024年"))
        self.assertEqual(rows[1], ("测试事项", "件", 0, 0, 0, 4, 0))

    def test_the_comparison_lists_the_organizations_directly_below(self):
        self.add(self.w.branch_a2, 2024, 2)
        rows = sheet(
            self.client.get("/charts/export/", {"org": "A", "year": 2024, "line": "other", "chart": "compare"})
        )
        self.assertEqual(rows[0], ("组织编码", "组织名称", "测试事项（件）"))
        self.assertEqual(rows[1:3], [("A01", "市财政局第一党支部", 0), ("A02", "市财政局第二党支部", 2)])

    def test_the_organizations_behind_this_month(self):
        with self.settings(DANGJIAN={"dashboard": {"behind_checks": [["test.count", "above", 0]]}}):
            self.add(self.w.org_b, YEAR, 1)
            rows = sheet(self.client.get("/charts/export/", {"chart": "behind"}))
        self.assertEqual(rows[0], ("组织编码", "组织名称", "测试事项（件）"))
        self.assertEqual(rows[1], ("B", "市教育局机关党委", 1))

    def test_an_unknown_chart_or_line_is_a_404(self):
        for params in ({"chart": "pie"}, {"chart": "trend", "line": "nope"}, {}):
            self.assertEqual(self.client.get("/charts/export/", params).status_code, 404, params)

    def test_an_administrator_exports_only_their_subtree(self):
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get("/charts/export/", {"org": "B", "chart": "behind"}).status_code, 404)
        self.assertEqual(self.client.get("/charts/export/", {"org": "A", "chart": "behind"}).status_code, 200)
