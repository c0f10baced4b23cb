"""The rate table: each bracket's edges, retirees, a fixed amount without income, half-up rounding, settings."""

from decimal import Decimal

from django.test import SimpleTestCase, override_settings

from dangjian.core.errors import codes_of
from dangjian.dues.errors import BadBase
from dangjian.dues.services import monthly_dues
from dangjian.dues.services.rates import clean_base

D = Decimal


class RateTests(SimpleTestCase):
    def test_in_work_brackets_include_their_upper_edge(self):
        cases = {
            "0": ("0.005", "0.00"),
            "3000": ("0.005", "15.00"),
            "3000.01": ("0.01", "30.00"),
            "5000": ("0.01", "50.00"),
            "5000.01": ("0.015", "75.00"),
            "10000": ("0.015", "150.00"),
            "10000.01": ("0.02", "200.00"),
            "23456.78": ("0.02", "469.14"),
        }
        for base, (rate, dues) in cases.items():
            with self.subTest(base=base):
                self.assertEqual(monthly_dues("in_work", D(base)), (D(rate), D(dues)))

    def test_retirees_pay_half_a_percent_up_to_5000_then_one(self):
        self.assertEqual(monthly_dues("retired", D("5000")), (D("0.005"), D("25.00")))
        self.assertEqual(monthly_dues("retired", D("5000.01")), (D("0.01"), D("50.00")))

    def test_no_income_pays_the_fixed_amount_whatever_the_base(self):
        self.assertEqual(monthly_dues("no_income", D("0")), (None, D("0.20")))
        self.assertEqual(monthly_dues("no_income", D("8000")), (None, D("0.20")))

    def test_the_cent_is_rounded_half_up_never_to_even(self):
        # 2345.00 × 0.5% = 11.725 → 11.73 (banker's rounding would give 11.72)
        self.assertEqual(monthly_dues("in_work", D("2345.00"))[1], D("11.73"))
        # 4321.50 × 1% = 43.215 → 43.22
        self.assertEqual(monthly_dues("in_work", D("4321.50"))[1], D("43.22"))

    def test_the_results_are_decimals_with_two_places(self):
        rate, dues = monthly_dues("in_work", D("3333.33"))
        self.assertIsInstance(dues, Decimal)
        self.assertEqual(dues.as_tuple().exponent, -2)

    @override_settings(DANGJIAN={"dues": {"in_work_brackets": [["4000", "0.01"], [None, "0.03"]],
                                          "no_income_amount": "0.50"}})  # fmt: skip
    def test_a_deployment_sets_its_own_table(self):
        self.assertEqual(monthly_dues("in_work", D("4000")), (D("0.01"), D("40.00")))
        self.assertEqual(monthly_dues("in_work", D("4000.01")), (D("0.03"), D("120.00")))
        self.assertEqual(monthly_dues("no_income", D("0")), (None, D("0.50")))

    def test_a_negative_or_non_numeric_base_is_refused(self):
        for bad in ("-1", "abc", "", "NaN", "Infinity", None):
            with self.subTest(bad=bad), self.assertRaises(BadBase) as caught:
                clean_base(bad)
            self.assertEqual(codes_of(caught.exception), {"dues_base_invalid"})
