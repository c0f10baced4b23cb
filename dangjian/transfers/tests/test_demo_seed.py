"""The demo seeder: letters out with their members off the roster, letters in placed on it,
members in flow; dates never ahead of today; the same seed writes the same data."""

from __future__ import annotations

import datetime as dt

from dangjian.core.seeding import SeedContext
from dangjian.core.testing import MemberFactory
from dangjian.people.models import Member, Transfer
from dangjian.transfers.demo import seed_transfers
from dangjian.transfers.models import FlowMember, InLetter, InStatus, OutLetter, OutStatus

from .helpers import TransfersTestCase

TODAY = dt.date(2026, 9, 15)


class DemoSeedTests(TransfersTestCase):
    def seed(self) -> SeedContext:
        for org in (self.w.branch_a1, self.w.branch_a2, self.w.branch_b1):
            for _ in range(9):
                MemberFactory(org=org)
        ctx = SeedContext(scale="city", seed=1, today=TODAY, root=self.w.committee, committee_index=0, people=True)
        seed_transfers(ctx)
        return ctx

    def test_it_seeds_letters_both_ways_and_members_in_flow(self):
        ctx = self.seed()
        self.assertEqual(OutLetter.objects.count(), ctx.counts["组织关系转出介绍信"])
        self.assertEqual(OutLetter.objects.count(), 3)  # one per branch with enough members
        for x in OutLetter.objects.all():
            self.assertLessEqual(x.issued_on, TODAY)
            self.assertTrue(x.receipt_on is None or x.issued_on <= x.receipt_on <= TODAY)
            left = Member.everyone.get(pk=x.member_id).left_on
            self.assertEqual(left, None if x.status == OutStatus.CANCELLED else x.issued_on)
        self.assertNotIn(self.w.person_a.pk, OutLetter.objects.values_list("member_id", flat=True))  # has an account
        placed = InLetter.objects.filter(status=InStatus.PLACED)
        self.assertTrue(placed.exists())
        for x in placed:
            self.assertEqual(Member.objects.get(pk=x.member_id).org_id, x.org_id)
        self.assertTrue(FlowMember.objects.exists())

    def test_the_same_seed_writes_the_same_data(self):
        self.seed()
        first = list(OutLetter.objects.order_by("id").values_list("number", "member_name", "status", "issued_on"))
        self.assertTrue(first)
        newcomers = list(InLetter.objects.exclude(member=None).values_list("member_id", flat=True))
        OutLetter.objects.all().delete()
        InLetter.objects.all().delete()
        FlowMember.objects.all().delete()
        Transfer.objects.all().delete()
        Member.everyone.filter(pk__in=newcomers).delete()
        Member.everyone.update(left_on=None, left_reason="")
        ctx = SeedContext(scale="city", seed=1, today=TODAY, root=self.w.committee, committee_index=0, people=True)
        seed_transfers(ctx)
        again = list(OutLetter.objects.order_by("id").values_list("number", "member_name", "status", "issued_on"))
        self.assertEqual(again, first)
