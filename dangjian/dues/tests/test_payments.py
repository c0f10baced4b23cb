"""Payments: one record per month at the year's dues; a month twice, a wrong amount, no base: refused."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.dues import selectors, services
from dangjian.dues.models import ExtraPayment, Payment, PaymentStatus

from .helpers import YEAR, DuesTestCase, declare, pay


class PaymentTests(DuesTestCase):
    def setUp(self):
        super().setUp()
        declare(self.w.person_a, "4000")  # 40.00 a month

    def refused(self, call, *args, **kwargs):
        with self.assertRaises(Exception) as caught:
            call(*args, **kwargs)
        return codes_of(caught.exception)

    def test_several_months_at_once_make_one_record_each(self):
        done = pay(self.w.person_a, [1, 2, 3], amount="120.00", method="cash")
        self.assertEqual(
            [(p.month, p.amount, p.method) for p in done], [(m, Decimal("40.00"), "cash") for m in (1, 2, 3)]
        )

    def test_a_month_already_paid_refuses_the_whole_payment(self):
        pay(self.w.person_a, [2])
        self.assertEqual(self.refused(pay, self.w.person_a, [1, 2]), {"dues_month_paid"})
        self.assertEqual(list(Payment.objects.values_list("month", flat=True)), [2])

    def test_the_same_month_twice_in_one_payment_is_refused(self):
        self.assertEqual(self.refused(pay, self.w.person_a, [4, 4]), {"dues_month_repeated"})

    def test_an_amount_other_than_the_dues_is_refused(self):
        self.assertEqual(self.refused(pay, self.w.person_a, [1, 2], amount="100"), {"dues_wrong_amount"})
        self.assertEqual(self.refused(pay, self.w.person_a, [1], amount="-40"), {"dues_amount_invalid"})
        self.assertFalse(Payment.objects.exists())

    def test_without_a_base_for_the_year_nothing_is_recorded(self):
        self.assertEqual(self.refused(pay, self.a2_member, [1]), {"dues_no_base"})

    def test_bad_months_methods_and_dates_are_refused(self):
        self.assertEqual(self.refused(pay, self.w.person_a, [13]), {"dues_month_invalid"})
        self.assertEqual(self.refused(pay, self.w.person_a, []), {"dues_month_invalid"})
        self.assertEqual(self.refused(pay, self.w.person_a, [1], method="bitcoin"), {"dues_method_invalid"})
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        codes = self.refused(
            services.payment_record, member=self.w.person_a, year=YEAR, months=[1], method="cash", paid_on=tomorrow
        )
        self.assertEqual(codes, {"dues_future_date"})

    def test_a_voided_month_is_unpaid_again_and_can_be_paid(self):
        [payment] = pay(self.w.person_a, [5])
        self.assertEqual(self.refused(services.payment_void, payment=payment, reason=" "), {"dues_reason_missing"})
        voided = services.payment_void(payment=payment, reason="登记错误")
        self.assertEqual(voided.status, PaymentStatus.VOIDED)
        self.assertIsNotNone(voided.voided_at)
        self.assertEqual(self.refused(services.payment_void, payment=voided, reason="again"), {"dues_already_voided"})
        self.assertIn(5, selectors.member_year(self.w.person_a, YEAR).unpaid_months)
        pay(self.w.person_a, [5])
        self.assertNotIn(5, selectors.member_year(self.w.person_a, YEAR).unpaid_months)

    def test_months_unpaid_are_those_due_without_a_payment(self):
        pay(self.w.person_a, [1, 2, 3, 7])
        record = selectors.member_year(self.w.person_a, YEAR)
        self.assertEqual(record.unpaid_months, [4, 5, 6, 8, 9, 10, 11, 12])
        self.assertEqual(record.total, Decimal("160.00"))

    def test_this_years_unpaid_months_stop_at_this_month(self):
        this_year = timezone.localdate().year
        declare(self.w.person_a, "4000", year=this_year)
        record = selectors.member_year(self.w.person_a, this_year)
        self.assertEqual(record.unpaid_months, list(range(1, timezone.localdate().month + 1)))

    def test_voluntary_extras_are_kept_apart_from_the_dues(self):
        pay(self.w.person_a, [1])
        services.extra_record(member=self.w.person_a, amount="500", method="transfer", paid_on=dt.date(YEAR, 7, 1))
        self.assertEqual(ExtraPayment.objects.get().amount, Decimal("500.00"))
        self.assertEqual(selectors.collected_total(self.w.committee, YEAR), Decimal("40.00"))
        self.assertEqual(selectors.ledger(self.w.committee, YEAR).extra, Decimal("500.00"))
        self.assertEqual(self.refused(services.extra_record, member=self.w.person_a, amount="0", method="cash"),
                         {"dues_amount_invalid"})  # fmt: skip
