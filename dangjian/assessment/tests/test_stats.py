import datetime as dt

from dangjian.assessment import services
from dangjian.core import registry
from dangjian.core.testing import BaseTestCase

from .helpers import EXAMPLE, YEAR, build_scheme, figures


class UnitsRatedTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.scheme = build_scheme(self.w)
        with figures(EXAMPLE):
            self.rs = services.results_compute(scheme=self.scheme)

    def finalize(self) -> None:
        services.results_start_notice(result_set=self.rs, today=dt.date(2026, 11, 2))
        services.results_finalize(result_set=self.rs, today=dt.date(2026, 11, 20))

    def test_it_counts_only_final_results(self):
        self.assertEqual(registry.total("assessment.units_rated", self.w.committee, YEAR), 0)
        self.finalize()
        self.assertEqual(registry.total("assessment.units_rated", self.w.committee, YEAR), 5)
        self.assertEqual(registry.total("assessment.units_rated", self.w.org_a, YEAR), 3)
        self.assertEqual(registry.total("assessment.units_rated", self.w.committee, YEAR - 1), 0)

    def test_the_records_page_lists_exactly_the_counted_organizations(self):
        self.finalize()
        self.login_as(self.w.admin_a)
        r = self.client.get(f"/assessment/records/rated/?org=A&year={YEAR}")
        self.assertContains(r, "共 <strong>3</strong> 个")
        self.assertContains(r, "市财政局第二党支部")
        self.assertNotContains(r, "市教育局")

    def test_the_records_page_of_a_foreign_subtree_is_a_404(self):
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(f"/assessment/records/rated/?org=A&year={YEAR}").status_code, 404)

    def test_the_api_lists_the_results_in_reach(self):
        self.finalize()
        self.login_as(self.w.admin_a)
        rows = self.client.get(f"/api/v1/assessment/results?year={YEAR}").json()
        self.assertEqual(sorted(r["org_code"] for r in rows), ["A", "A01", "A02"])
        self.assertEqual({r["status"] for r in rows}, {"已确定"})
