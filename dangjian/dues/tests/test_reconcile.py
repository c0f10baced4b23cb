"""Totals reconcile to the cent: member lines, month totals, organization lines, the ledger and the figures."""

from decimal import Decimal

from dangjian.core import registry
from dangjian.core.testing import MemberFactory
from dangjian.dues import selectors
from dangjian.dues.services import monthly_dues

from .helpers import YEAR, DuesTestCase, declare, pay

# Awkward bases whose dues need rounding half up (x.xx5 and friends).
BASES = ["2345.00", "4321.50", "3333.33", "6789.01", "10000.01", "1234.57", "0", "15555.55", "2999.99"]


class ReconcileTests(DuesTestCase):
    def test_every_total_agrees_to_the_cent(self):
        people = []
        for i, base in enumerate(BASES):
            org = [self.w.branch_a1, self.w.branch_a2, self.w.branch_b1][i % 3]
            person = MemberFactory.create(org=org)
            declare(person, base, "retired" if i == 5 else "in_work")
            people.append(person)
        student = MemberFactory.create(org=self.w.branch_b1)
        declare(student, "0", "no_income")
        people.append(student)
        paid = Decimal("0.00")
        for i, person in enumerate(people):
            months = range(1, 1 + (i % 12) + 1)
            done = pay(person, months)
            paid += sum(p.amount for p in done)
        expected = sum(
            (monthly_dues(b.category, b.base)[1] * 12 for b in selectors.bases_in(self.w.committee, YEAR)), Decimal(0)
        )
        book = selectors.ledger(self.w.committee, YEAR)
        self.assertEqual(book.expected, expected)
        self.assertEqual(book.collected, paid)
        self.assertEqual(sum((m.collected for m in book.months), Decimal(0)), paid)
        self.assertEqual(sum((ln.collected for ln in book.orgs), Decimal(0)), paid)
        self.assertEqual(sum((ln.expected for ln in book.orgs), Decimal(0)), expected)
        sheets = [selectors.sheet(o, YEAR) for o in (self.w.branch_a1, self.w.branch_a2, self.w.branch_b1)]
        self.assertEqual(sum((s.collected for s in sheets), Decimal(0)), paid)
        self.assertEqual(sum((sum(s.month_totals, Decimal(0)) for s in sheets), Decimal(0)), paid)
        self.assertEqual(sum((s.expected for s in sheets), Decimal(0)), expected)
        # The figures: the same amounts, and the per-organization variant agrees.
        self.assertEqual(Decimal(str(registry.get("dues.collected")(self.w.committee, YEAR))), paid)
        self.assertEqual(Decimal(str(registry.get("dues.expected")(self.w.committee, YEAR))), expected)
        orgs = [self.w.committee, self.w.org_a, self.w.org_b, self.w.branch_a2]
        for key in ("dues.expected", "dues.collected"):
            self.assertEqual(registry.per_org(key, orgs, YEAR), {o.pk: registry.get(key)(o, YEAR) for o in orgs})
        a = selectors.ledger(self.w.org_a, YEAR)
        b = selectors.ledger(self.w.org_b, YEAR)
        self.assertEqual(a.collected + b.collected, paid)
