"""The JSON API: the reports the caller may see, and one report's text and figures."""

from __future__ import annotations

from dangjian.annual import services

from .helpers import YEAR, AnnualTestCase, only_metrics, seed_metric_list


class ApiTests(AnnualTestCase):
    def test_a_report_reads_as_its_sentences_and_figures(self):
        with only_metrics(*seed_metric_list()):
            report = services.report_create(org=self.w.org_a, year=YEAR)
            self.login_as(self.w.admin_a)
            data = self.client.get(f"/api/v1/annual/reports/{report.pk}").json()
        self.assertEqual(data["report"]["org_code"], "A")
        self.assertIn("处级干部参学900多人次", data["sections"][0]["paragraphs"][0])
        figure = next(f for f in data["figures"] if f["key"] == "training.attendances")
        self.assertEqual((figure["value"], figure["text"], figure["previous"]), (2839, "2800余人次", 2500))

    def test_the_list_is_scoped(self):
        services.report_create(org=self.w.org_a, year=YEAR)
        b = services.report_create(org=self.w.org_b, year=YEAR)
        self.login_as(self.w.admin_b)
        self.assertEqual([r["id"] for r in self.client.get("/api/v1/annual/reports").json()], [b.pk])
        self.assertEqual(self.client.get(f"/api/v1/annual/reports?year={YEAR - 1}").json(), [])
