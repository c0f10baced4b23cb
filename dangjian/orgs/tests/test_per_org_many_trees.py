"""Figures of many committees at once (issue 16 §2: a province of a hundred): count_per_org and
sum_per_org ask one query for all the trees instead of one per tree, and every figure still equals
each organization's own."""

from __future__ import annotations

from dangjian.core import registry, scoping
from dangjian.core.testing import make_org
from dangjian.demo.tests.helpers import TODAY, SeededTestCase
from dangjian.orgs.models import Organization, OrgKind
from dangjian.orgs.selectors import count_per_org, sum_per_org
from dangjian.people.models import Member


def members_in(org: Organization, year: int):
    return scoping.in_subtree(Member.objects.filter(birth_date__year__lt=year), org)


def orgs_in(org: Organization, year: int):
    return scoping.in_subtree(Organization.objects.all(), org, "")


class ManyTreesTests(SeededTestCase):
    def setUp(self):
        super().setUp()
        root = Organization.objects.get(depth=1)
        # Three of the seeded committee's organizations become committees of their own, their records
        # with them, and two committees have nothing yet: six trees.
        for child in list(Organization.objects.get_children(root).order_by("path"))[:3]:
            Organization.objects.move(child, Organization.objects.get(pk=root.pk), pos="sorted-sibling")
        make_org("GWX1", "空工委一", OrgKind.COMMITTEE)
        make_org("GWX2", "空工委二", OrgKind.COMMITTEE)
        self.roots = list(Organization.objects.filter(depth=1).order_by("path"))
        self.orgs = list(Organization.objects.filter(depth__lte=2).order_by("path"))

    def test_there_are_six_trees_with_records_in_four(self):
        self.assertEqual(len(self.roots), 6)
        counts = count_per_org(self.roots, TODAY.year, members_in)
        self.assertEqual(sum(1 for n in counts.values() if n), 4)

    def test_each_registered_figure_of_many_trees_equals_each_organizations_own(self):
        for m in registry.metrics():
            for year in (TODAY.year - 1, TODAY.year):
                with self.subTest(key=m.key, year=year):
                    expected = {o.pk: registry.total(m.key, o, year) for o in self.orgs}
                    self.assertEqual(registry.per_org(m.key, self.orgs, year), expected)

    def test_one_query_answers_every_tree(self):
        with self.assertNumQueries(1):
            counts = count_per_org(self.orgs, TODAY.year, members_in)
        self.assertEqual(counts, {o.pk: members_in(o, TODAY.year).count() for o in self.orgs})
        with self.assertNumQueries(1):
            # Each organization's children added up over its subtree: its descendants.
            sums = sum_per_org(self.orgs, TODAY.year, orgs_in, "numchild", "")
        self.assertEqual(sums, {o.pk: orgs_in(o, TODAY.year).count() - 1 for o in self.orgs})
