"""The demo seeder: a base for every party member, most months paid and some not, figures that agree, deterministic."""

import datetime as dt

from dangjian.core import registry
from dangjian.core.seeding import SeedContext
from dangjian.dues import selectors
from dangjian.dues.demo import seed_dues
from dangjian.dues.models import DuesBase, Payment, Remittance
from dangjian.people.selectors.for_apps import party_members_in

from .helpers import DuesTestCase

TODAY = dt.date(2026, 9, 15)


class DemoSeedTests(DuesTestCase):
    def seed(self) -> SeedContext:
        ctx = SeedContext(scale="demo", seed=1, today=TODAY, root=self.w.committee, committee_index=0, people=True)
        seed_dues(ctx)
        return ctx

    def test_it_writes_bases_payments_and_remittances_that_agree_with_the_figures(self):
        ctx = self.seed()
        self.assertEqual(DuesBase.objects.filter(year=2026).count(), party_members_in(self.w.committee).count())
        self.assertFalse(Payment.objects.filter(month__gt=TODAY.month).exists())
        self.assertFalse(Payment.objects.filter(paid_on__gt=TODAY).exists())
        for p in Payment.objects.select_related("member"):
            self.assertEqual(p.amount, DuesBase.objects.get(member=p.member, year=p.year).monthly_dues)
        self.assertEqual(ctx.counts["党费缴纳记录"], Payment.objects.count())
        collected = selectors.collected_total(self.w.committee, 2026)
        self.assertEqual(registry.get("dues.collected")(self.w.committee, 2026), float(collected))
        remitted = sum(r.amount for r in Remittance.objects.all())
        self.assertLessEqual(remitted, collected)
        self.assertTrue(Remittance.objects.filter(last_month=6).exists())  # the second quarter is over

    def test_it_is_deterministic(self):
        self.seed()
        first = list(Payment.objects.order_by("member_id", "month").values_list("member_id", "month", "amount"))
        for model in (Payment, Remittance, DuesBase):
            model.objects.all().delete()
        self.seed()
        again = list(Payment.objects.order_by("member_id", "month").values_list("member_id", "month", "amount"))
        self.assertEqual(again, first)
