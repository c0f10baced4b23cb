"""core.web.paginate, the one paginator of every list page: ?page= read once, a page past the end is the last."""

from __future__ import annotations

from django.test import RequestFactory, SimpleTestCase

from dangjian.core.web import paginate
from dangjian.core.web.params import BadParameter

ITEMS = list(range(25))  # three pages of ten


class PaginateTests(SimpleTestCase):
    def number(self, page: str | None) -> int:
        request = RequestFactory().get("/", {} if page is None else {"page": page})
        return paginate(request, ITEMS, 10).number

    def test_no_page_or_a_blank_one_is_the_first(self):
        self.assertEqual(self.number(None), 1)
        self.assertEqual(self.number(""), 1)
        self.assertEqual(self.number("  "), 1)

    def test_a_page_in_range_is_that_page(self):
        self.assertEqual(self.number("2"), 2)
        self.assertEqual(self.number("003"), 3)
        self.assertEqual(
            paginate(RequestFactory().get("/", {"page": "3"}), ITEMS, 10).object_list, [20, 21, 22, 23, 24]
        )

    def test_any_whole_number_past_the_end_is_the_last_page(self):
        for page in ("4", "1000000000", "99999999999", str(2**64), str(2**70), "9" * 5000):
            with self.subTest(page=page[:20]):
                self.assertEqual(self.number(page), 3)

    def test_an_empty_list_has_one_empty_page(self):
        page = paginate(RequestFactory().get("/", {"page": str(2**70)}), [], 10)
        self.assertEqual((page.number, list(page.object_list)), (1, []))

    def test_anything_but_a_whole_number_from_one_is_a_chinese_400(self):
        for page in ("abc", "0", "000", "-1", "1.5", "+2", "２", "x" * 30):
            with self.subTest(page=page):
                with self.assertRaises(BadParameter) as caught:
                    self.number(page)
                self.assertIn("页码", caught.exception.message)
