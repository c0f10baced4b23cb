"""The five figures count the people who reached each stage in the year, and their records pages agree."""

from __future__ import annotations

from dangjian.admission import stats
from dangjian.core import registry

from .helpers import AdmissionTestCase, adult_id


class StatsTests(AdmissionTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.to_full(self.open())  # applied 2022, activist 2022, candidate 2023, admitted 2023, full 2024
        self.to_activist(self.open(name="李想", id_number=adult_id(2)))
        self.open(name="王乙", id_number=adult_id(3), org=self.w.branch_b1)

    def test_each_figure_counts_its_year(self):
        gw = self.w.committee
        self.assertEqual(
            [
                m(gw, 2022)
                for m in (stats.applicants, stats.activists, stats.candidates, stats.admitted, stats.converted)
            ],
            [3, 2, 0, 0, 0],
        )
        self.assertEqual((stats.candidates(gw, 2023), stats.admitted(gw, 2023), stats.converted(gw, 2024)), (1, 1, 1))

    def test_figures_are_of_the_subtree(self):
        self.assertEqual((stats.applicants(self.w.org_a, 2022), stats.applicants(self.w.org_b, 2022)), (2, 1))

    def test_the_registry_has_the_five_keys_with_records_pages(self):
        keys = {m.key: m for m in registry.metrics() if m.key.startswith("admission.")}
        self.assertEqual(
            set(keys),
            {"admission.applicants", "admission.activists", "admission.candidates", "admission.admitted",
             "admission.converted"},
        )  # fmt: skip
        for m in keys.values():
            self.assertEqual(m.records(self.w.committee, 2022).count(), m(self.w.committee, 2022))

    def test_the_records_page_lists_the_people_of_the_figure(self):
        self.login_as(self.w.admin_a)
        page = self.client.get("/admission/activists/?org=A&year=2022").content.decode()
        self.assertIn("孙悦", page)
        self.assertIn("李想", page)
        self.login_as(self.w.admin_b)
        page = self.client.get("/admission/applicants/?org=B&year=2022").content.decode()
        self.assertIn("王乙", page)
        self.assertNotIn("孙悦", page)
