"""registry.compute_many: every figure of many organizations and years at once, equal to compute()
one by one, from the cache while current, recomputed after a write, per_org used where offered.

TransactionTestCase: the cache is used only outside a transaction that has written (see test_figures_cache)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import TransactionTestCase

from dangjian.core import registry
from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind


class ComputeManyTests(TransactionTestCase):
    def setUp(self):
        ContentType.objects.clear_cache()
        committee = make_org("GW", "市直属机关工委", OrgKind.COMMITTEE)
        org_a = make_org("A", "市财政局机关党委", OrgKind.PARTY_COMMITTEE, committee)
        make_org("A01", "市财政局第一党支部", OrgKind.BRANCH, org_a)
        org_b = make_org("B", "市教育局机关党委", OrgKind.PARTY_COMMITTEE, committee)
        committee.refresh_from_db()
        org_a.refresh_from_db()
        self.orgs = [committee, org_a, org_b]
        self.calls: list[tuple[str, int]] = []
        self.batches: list[tuple[tuple[str, ...], int]] = []
        self.bonus = 0

        def children(org, year):
            self.calls.append((org.code, year))
            return org.numchild + year - 2000 + self.bonus

        def depth(org, year):
            return org.depth

        def depth_many(orgs, year):
            self.batches.append((tuple(o.code for o in orgs), year))
            return {o.pk: o.depth for o in orgs}

        self.enterContext(
            registry.installed_for_test(
                registry.metric("test.children", "下级")(children),
                registry.metric("test.depth", "层级", per_org=depth_many)(depth),
            )
        )

    def test_it_equals_compute_for_every_pair(self):
        many = registry.compute_many(self.orgs, [2024, 2025])
        for org in self.orgs:
            for year in (2024, 2025):
                self.assertEqual(many[(org.pk, year)], registry.compute_uncached(org, year))

    def test_a_second_call_is_served_from_the_cache(self):
        registry.compute_many(self.orgs, [2024])
        self.calls.clear()
        self.batches.clear()
        registry.compute_many(self.orgs, [2024])
        self.assertEqual((self.calls, self.batches), ([], []))

    def test_it_uses_per_org_where_a_metric_has_it(self):
        registry.compute_many(self.orgs, [2024])
        self.assertEqual(self.batches, [(("GW", "A", "B"), 2024)])

    def test_a_write_makes_the_figures_current_again(self):
        registry.compute_many(self.orgs, [2024])
        self.bonus = 100
        registry.figures_changed()
        self.assertEqual(registry.compute_many(self.orgs, [2024])[(self.orgs[1].pk, 2024)]["test.children"], 125)

    def test_figures_it_cached_serve_compute_too(self):
        registry.compute_many(self.orgs, [2024])
        self.calls.clear()
        registry.compute(self.orgs[2], 2024)
        self.assertEqual(self.calls, [])

    def test_inside_a_transaction_that_wrote_it_computes_afresh_and_stores_nothing(self):
        registry.compute_many(self.orgs, [2024])
        with transaction.atomic():
            registry.figures_changed()
            self.bonus = 1
            self.calls.clear()
            self.assertEqual(registry.compute_many(self.orgs, [2024])[(self.orgs[0].pk, 2024)]["test.children"], 27)
            self.assertEqual(len(self.calls), 3)

    def test_the_figures_version_changes_with_a_write_and_is_none_inside_one(self):
        before = registry.figures_version()
        self.assertEqual(registry.figures_version(), before)
        registry.figures_changed("orgs")
        after = registry.figures_version()
        self.assertNotEqual(after, before)
        with transaction.atomic():
            registry.figures_changed("orgs")
            self.assertIsNone(registry.figures_version())
