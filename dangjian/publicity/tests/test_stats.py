import datetime as dt

from django.utils import timezone

from dangjian.core import registry
from dangjian.publicity.models import SpecialPage
from dangjian.publicity.services import papers, reports

from .helpers import PublicityTestCase

KEYS = (
    "publicity.articles",
    "publicity.special_pages",
    "info_reports.submitted",
    "info_reports.adopted",
    "cases.submitted",
    "cases.awarded",
    "research.outputs",
)


class StatsTests(PublicityTestCase):
    def setUp(self):
        super().setUp()
        self.year = timezone.localdate().year
        self.published()
        self.published(org=self.w.org_b)
        self.draft()
        SpecialPage.objects.create(
            org=self.w.committee,
            channel=self.paper,
            title="庆祝建党",
            newspaper="市日报",
            run_on=dt.date(self.year, 1, 1),
        )
        r = reports.info_report_create(by=self.w.admin_a, org=self.w.branch_a1, title="信息", body="正文")
        reports.submit(record=r, by=self.w.admin_a)
        reports.send_up(record=r, by=self.w.staff)
        reports.info_report_adopt(report=r, by=self.w.staff, level="regional", adopted_on=timezone.localdate())
        case = papers.paper_create(
            by=self.w.admin_a, kind="case_study", org=self.w.org_a, year=self.year, title="案例", body="正文"
        )
        reports.submit(record=case, by=self.w.admin_a)
        reports.send_up(record=case, by=self.w.staff)
        papers.paper_award(
            paper=case, by=self.w.staff, level="second", name="优秀案例", awarded_on=timezone.localdate()
        )
        research = papers.paper_create(
            by=self.w.admin_a, kind="research_output", org=self.w.org_a, year=self.year, title="研究", body="正文"
        )
        reports.submit(record=research, by=self.w.admin_a)

    def test_it_registers_every_key_with_a_records_page(self):
        metrics = {m.key: m for m in registry.metrics()}
        for key in KEYS:
            with self.subTest(key=key):
                self.assertIn(key, metrics)
                self.assertTrue(metrics[key].records_url)

    def test_it_counts_for_the_committee_and_for_one_subtree(self):
        values = registry.compute(self.w.committee, self.year)
        self.assertEqual([values[k] for k in KEYS], [2, 1, 1, 1, 1, 1, 1])
        values = registry.compute(self.w.org_b, self.year)
        self.assertEqual([values[k] for k in KEYS], [1, 0, 0, 0, 0, 0, 0])

    def test_it_counts_nothing_in_another_year(self):
        values = registry.compute(self.w.committee, self.year - 3)
        self.assertEqual(sum(values[k] for k in KEYS), 0)

    def test_it_lists_the_records_behind_each_figure(self):
        self.login_as(self.w.staff)
        for url in (
            "/publicity/records/articles/",
            "/publicity/records/special-pages/",
            "/publicity/records/info-sent/",
            "/publicity/records/info-adopted/",
            "/publicity/records/cases-sent/",
            "/publicity/records/cases-awarded/",
            "/publicity/records/research/",
        ):
            with self.subTest(url=url):
                response = self.client.get(f"{url}?org=GW&year={self.year}")
                self.assertContains(response, "共 ")
                self.assertNotContains(response, "该年度没有记录")

    def test_it_scopes_the_records_to_the_users_subtree(self):
        self.login_as(self.w.admin_b)
        response = self.client.get(f"/publicity/records/articles/?org=A&year={self.year}")
        self.assertEqual(response.status_code, 404)
