"""The ledgers read monthly totals kept with the payments: after payments, a void and a payment
refused half-way, the ledger still reconciles to the cent with the payments themselves."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum

from dangjian.dues import selectors, services
from dangjian.dues.models import MonthTotal, Payment, PaymentStatus
from dangjian.dues.services.totals import totals_rebuild

from .helpers import YEAR, DuesTestCase, declare, pay


class MonthTotalTests(DuesTestCase):
    def setUp(self):
        super().setUp()
        declare(self.w.person_a, "4000")  # 40.00 a month
        declare(self.w.person_b, "3333.33")  # 33.33 a month (1%)

    def totals(self) -> list[tuple[int, int, Decimal, int]]:
        return list(
            MonthTotal.objects.order_by("org_id", "month").values_list("org_id", "month", "collected", "payments")
        )

    def paid_sum(self) -> Decimal:
        return Payment.objects.filter(year=YEAR, status=PaymentStatus.PAID).aggregate(s=Sum("amount"))["s"]

    def test_the_ledger_follows_payments_and_voids_to_the_cent(self):
        pay(self.w.person_a, [1, 2, 3])
        [b1] = pay(self.w.person_b, [1])
        pay(self.w.person_b, [2])
        services.payment_void(payment=b1, reason="登记错误")
        with self.assertRaises(ValidationError):
            pay(self.w.person_a, [3, 4])  # March is paid already: nothing of April is counted
        book = selectors.ledger(self.w.committee, YEAR)
        self.assertEqual(book.collected, Decimal("153.33"))
        self.assertEqual(book.collected, self.paid_sum())
        self.assertEqual(
            [m.collected for m in book.months[:4]], [Decimal("40.00"), Decimal("73.33"), Decimal("40.00"), 0]
        )
        self.assertEqual(selectors.collected_total(self.w.org_b, YEAR), Decimal("33.33"))

    def test_a_rebuild_from_the_payments_gives_the_same_totals(self):
        pay(self.w.person_a, [1, 2])
        [b] = pay(self.w.person_b, [2])
        services.payment_void(payment=b, reason="登记错误")
        kept = self.totals()
        totals_rebuild(YEAR)
        self.assertEqual([t for t in self.totals() if t[3]], [t for t in kept if t[3]])
