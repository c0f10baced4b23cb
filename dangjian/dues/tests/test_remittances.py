"""Remittances to the upper level: months covered once, confirmed by the upper level or cancelled, each once."""

import datetime as dt
from decimal import Decimal

from dangjian.core.errors import codes_of
from dangjian.dues import selectors, services
from dangjian.dues.models import RemittanceStatus

from .helpers import YEAR, DuesTestCase


class RemittanceTests(DuesTestCase):
    def remit(self, first, last, amount="300", org=None):
        return services.remittance_record(
            org=org or self.w.branch_a1, year=YEAR, first_month=first, last_month=last, amount=amount,
            remitted_on=dt.date(YEAR, 12, 20),
        )  # fmt: skip

    def refused(self, call, *args, **kwargs):
        with self.assertRaises(Exception) as caught:
            call(*args, **kwargs)
        return codes_of(caught.exception)

    def test_it_records_the_amount_date_and_months_to_the_parent(self):
        r = self.remit(1, 6, "1234.56")
        self.assertEqual((r.amount, r.months_label, r.to_org_name), (Decimal("1234.56"), "1—6月", self.w.org_a.name))
        self.assertEqual(r.status, RemittanceStatus.REMITTED)
        self.assertEqual(selectors.ledger(self.w.org_a, YEAR).orgs[0].remitted, Decimal("1234.56"))

    def test_months_already_remitted_are_refused(self):
        self.remit(1, 6)
        self.assertEqual(self.refused(self.remit, 6, 8), {"dues_remittance_overlap"})
        self.remit(7, 12)  # the rest is fine
        self.remit(1, 6, org=self.w.branch_a2)  # another branch is fine

    def test_bad_months_and_amounts_are_refused(self):
        self.assertEqual(self.refused(self.remit, 7, 3), {"dues_month_invalid"})
        self.assertEqual(self.refused(self.remit, 0, 3), {"dues_month_invalid"})
        self.assertEqual(self.refused(self.remit, 1, 3, "abc"), {"dues_amount_invalid"})

    def test_confirming_and_cancelling_happen_once(self):
        r = self.remit(1, 3)
        confirmed = services.remittance_confirm(remittance=r)
        self.assertEqual(confirmed.status, RemittanceStatus.CONFIRMED)
        self.assertIsNotNone(confirmed.confirmed_at)
        self.assertEqual(self.refused(services.remittance_cancel, remittance=confirmed), {"dues_remittance_state"})
        other = self.remit(4, 6)
        cancelled = services.remittance_cancel(remittance=other)
        self.assertEqual(cancelled.status, RemittanceStatus.CANCELLED)
        self.assertIsNotNone(cancelled.cancelled_at)
        self.assertEqual(self.refused(services.remittance_confirm, remittance=cancelled), {"dues_remittance_state"})
        self.remit(4, 6)  # a cancelled remittance frees its months
