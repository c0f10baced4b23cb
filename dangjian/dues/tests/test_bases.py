"""Declaring a base: rate and dues worked out and kept; re-declared yearly; a second declaration replaces."""

from decimal import Decimal

from dangjian.core.errors import codes_of
from dangjian.dues.models import DuesBase

from .helpers import YEAR, DuesTestCase, declare


class BaseTests(DuesTestCase):
    def test_it_keeps_the_rate_and_dues_with_the_members_organization(self):
        base = declare(self.w.person_a, "8000.00")
        self.assertEqual((base.rate, base.monthly_dues), (Decimal("0.0150"), Decimal("120.00")))
        self.assertEqual(base.org, self.w.branch_a1)

    def test_each_year_has_its_own_base_and_a_second_declaration_replaces_the_first(self):
        declare(self.w.person_a, "4000", year=YEAR - 1)
        declare(self.w.person_a, "4000", year=YEAR)
        declare(self.w.person_a, "12000", year=YEAR)
        self.assertEqual(DuesBase.objects.filter(member=self.w.person_a).count(), 2)
        self.assertEqual(DuesBase.objects.get(member=self.w.person_a, year=YEAR).monthly_dues, Decimal("240.00"))

    def test_bad_values_are_refused_and_nothing_is_written(self):
        cases = [
            ("-5", "in_work", YEAR, "dues_base_invalid"),
            ("x", "in_work", YEAR, "dues_base_invalid"),
            ("100", "student", YEAR, "dues_category_invalid"),
            ("100", "in_work", 1990, "dues_year_invalid"),
        ]
        for base, category, year, code in cases:
            with self.subTest(code=code), self.assertRaises(Exception) as caught:
                declare(self.w.person_a, base, category, year)
            self.assertEqual(codes_of(caught.exception), {code})
        self.assertFalse(DuesBase.objects.exists())

    def test_a_declaration_is_on_the_audit_trail(self):
        from dangjian.core.models import AuditEntry

        base = declare(self.w.person_a, "3000", by=self.w.staff)
        self.assertTrue(AuditEntry.objects.filter(object_pk=str(base.pk), event="create", org_id=base.org_id).exists())


class GroupTests(DuesTestCase):
    def test_a_party_groups_member_is_collected_by_the_branch_above(self):
        from dangjian.core.testing import MemberFactory, make_org
        from dangjian.dues import selectors

        group = make_org("A0101", "第一党小组", "group", self.w.branch_a1)
        person = MemberFactory.create(org=group)
        self.assertEqual(declare(person, "3000").org, self.w.branch_a1)
        self.assertEqual([ln.member for ln in selectors.sheet(self.w.branch_a1, YEAR).lines], [person])
        other = MemberFactory.create(org=group)
        self.assertIn(other, selectors.sheet(self.w.branch_a1, YEAR).undeclared)
