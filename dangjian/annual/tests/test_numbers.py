"""The report's number style: small counts exact, large ones rounded down with 多 or 余, configurable."""

from __future__ import annotations

from django.test import SimpleTestCase, override_settings

from dangjian.annual.selectors import change, count


class NumberStyleTests(SimpleTestCase):
    def test_small_counts_are_exact(self):
        self.assertEqual(count(3, "期"), "3期")
        self.assertEqual(count(17, "次"), "17次")
        self.assertEqual(count(130, "篇"), "130篇")
        self.assertEqual(count(0, "个"), "0个")

    def test_large_counts_round_down_with_duo_or_yu_as_the_seed_does(self):
        self.assertEqual(count(922, "人次"), "900多人次")
        self.assertEqual(count(2839, "人次"), "2800余人次")
        self.assertEqual(count(12345, "人次"), "12000余人次")
        self.assertEqual(count(30001, "小时"), "30000多小时")

    def test_a_round_figure_is_written_as_it_is(self):
        self.assertEqual(count(900, "人次"), "900人次")

    def test_hours_and_rates_keep_their_decimals(self):
        self.assertEqual(count(12.5, "小时"), "12.5小时")
        self.assertEqual(count(96.25, "%"), "96.3%")
        self.assertEqual(count(100.0, "%"), "100%")

    @override_settings(DANGJIAN={"annual": {"exact_below": 100, "rounding": [[100, 10]], "suffix_other": "多"}})
    def test_the_rule_is_configurable(self):
        self.assertEqual(count(130, "篇"), "130篇")
        self.assertEqual(count(137, "篇"), "130多篇")
        self.assertEqual(count(922, "人次"), "920多人次")

    def test_the_change_on_the_previous_year(self):
        self.assertEqual(change(2839, 2500), "增长13.6%")
        self.assertEqual(change(3, 4), "下降25%")
        self.assertEqual(change(17, 17), "持平")
        self.assertEqual(change(17, None), "")
        self.assertEqual(change(96.5, 92.0, "%"), "提高4.5个百分点")
