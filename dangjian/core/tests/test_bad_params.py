"""Nonsense in ?year= and ?offset= answers a 400 (pages) or 400/422 (API) with a Chinese message, never a 500."""

from __future__ import annotations

from dangjian.core.testing import BaseTestCase

YEAR_PAGES = (
    "/dashboard/",
    "/orgs/records/affiliation-changes/",
    "/orgs/records/elections/",
    "/orgs/records/overdue/",
    "/members/full-time-deputies/",
)
BAD_YEARS = ("99999", "-5", "abc", str(2**70))
HUGE = str(2**70)


class BadYearTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.w.staff)

    def test_pages_answer_a_chinese_400_for_a_year_out_of_range(self) -> None:
        for url in YEAR_PAGES:
            for year in BAD_YEARS:
                with self.subTest(url=url, year=year):
                    response = self.client.get(url, {"org": "A", "year": year})
                    self.assertContains(response, "年份", status_code=400)
                    self.assertContains(response, "请求有误", status_code=400)

    def test_a_good_year_still_works(self) -> None:
        for url in YEAR_PAGES:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url, {"org": "A", "year": "2024"}).status_code, 200)

    def test_the_stats_api_refuses_a_year_out_of_range(self) -> None:
        for year in BAD_YEARS:
            with self.subTest(year=year):
                response = self.client.get("/api/v1/stats", {"org": "A", "year": year})
                self.assertIn(response.status_code, (400, 422))
                self.assertIn(
                    "年份", response.json()["detail"] if response.status_code == 400 else str(response.json())
                )


class BadOffsetTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.w.staff)

    def test_api_lists_refuse_an_offset_beyond_64_bits_in_chinese(self) -> None:
        for url in ("/api/v1/orgs", "/api/v1/members"):
            for params in ({"offset": HUGE}, {"offset": "-1"}, {"limit": HUGE}, {"offset": "abc"}):
                with self.subTest(url=url, params=params):
                    response = self.client.get(url, params)
                    self.assertIn(response.status_code, (400, 422))
                    self.assertRegex(str(response.json()["detail"]), "[\u4e00-\u9fff]")

    def test_a_page_number_beyond_64_bits_shows_the_last_page(self) -> None:
        for url in ("/members/", "/orgs/compliance/", "/orgs/records/elections/?org=A&year=2024"):
            with self.subTest(url=url):
                joiner = "&" if "?" in url else "?"
                self.assertEqual(self.client.get(f"{url}{joiner}page={HUGE}").status_code, 200)
