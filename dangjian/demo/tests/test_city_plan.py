"""The city and province plans, checked without writing them (seeding them is for the benchmark)."""

from __future__ import annotations

from collections import Counter

from django.test import SimpleTestCase

from dangjian.core import idcard
from dangjian.demo.plan import SCALES, plan_committee
from dangjian.demo.shapes import CommitteePlan
from dangjian.orgs.models import OrgKind

from .helpers import TODAY


class CityPlanTests(SimpleTestCase):
    plan: CommitteePlan

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.plan = plan_committee(scale=SCALES["city"], seed=1, today=TODAY)

    def test_it_has_the_size_of_a_city(self) -> None:
        kinds = Counter(o.kind for o in self.plan.orgs)
        party_orgs = len(self.plan.orgs) - kinds[OrgKind.GROUP]
        self.assertEqual(len(self.plan.people), 12_000)
        self.assertTrue(380 <= party_orgs <= 460, party_orgs)
        self.assertTrue(60 <= len(self.plan.root.children) <= 70, len(self.plan.root.children))
        self.assertTrue(110 <= len(self.plan.units) <= 130, len(self.plan.units))

    def test_it_has_bureaus_with_party_committees_and_joint_branches(self) -> None:
        names = {o.name for o in self.plan.root.children}
        self.assertIn("市财政局机关党委", names)
        self.assertIn("市发展和改革委员会机关党委", names)
        joint = [o for o in self.plan.root.children if len(o.units) > 1 and o.kind == OrgKind.BRANCH]
        self.assertGreaterEqual(len(joint), 3)

    def test_it_gives_unique_valid_id_numbers(self) -> None:
        numbers = [p.id_number for p in self.plan.people]
        self.assertEqual(len(set(numbers)), len(numbers))
        for p in self.plan.people:
            self.assertEqual(idcard.validate(p.id_number, p.birth_date), p.id_number)
            self.assertEqual(idcard.gender_of(p.id_number), p.gender)

    def test_it_keeps_id_numbers_apart_between_province_committees(self) -> None:
        first = plan_committee(scale=SCALES["province"], seed=1, today=TODAY, index=0, root_step=1)
        second = plan_committee(scale=SCALES["province"], seed=1, today=TODAY, index=1, root_step=2)
        self.assertFalse({p.id_number for p in first.people} & {p.id_number for p in second.people})
        self.assertFalse({o.code for o in first.orgs} & {o.code for o in second.orgs})
        self.assertFalse(set(first.units) & set(second.units))
        self.assertNotEqual(first.root.path, second.root.path)
