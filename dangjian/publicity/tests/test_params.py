"""?year= and ?page= read by core.web's one parser: nonsense is a 400 with a Chinese message, never a 500."""

from dangjian.publicity.services import reports as services

from .helpers import PublicityTestCase


class YearAndPageTests(PublicityTestCase):
    def test_it_answers_400_for_a_year_out_of_range_or_not_a_number(self):
        self.login_as(self.w.staff)
        for url in (
            "/publicity/reports/",
            "/publicity/papers/cases/",
            "/publicity/papers/research/compilation.docx",
            "/publicity/reports/targets/",
            "/publicity/records/articles/",
        ):
            for year in ("99999", "-5", "二〇二四", "2024abc"):
                with self.subTest(url=url, year=year):
                    response = self.client.get(url, {"year": year})
                    self.assertEqual(response.status_code, 400)
                    self.assertContains(response, "年份", status_code=400)

    def test_a_blank_year_lists_every_year_and_a_year_filters(self):
        services.info_report_create(by=self.w.admin_a, org=self.w.org_a, title="今年的信息", body="正文")
        self.login_as(self.w.staff)
        self.assertContains(self.client.get("/publicity/reports/", {"year": ""}), "今年的信息")
        self.assertNotContains(self.client.get("/publicity/reports/", {"year": "2001"}), "今年的信息")

    def test_it_answers_400_for_a_page_that_is_no_number(self):
        self.login_as(self.editor)
        for url in ("/publicity/articles/", "/news/c/website/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url, {"page": "x" * 30}).status_code, 400)
