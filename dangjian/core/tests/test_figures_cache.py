"""The statistics are cached until a write changes the rows behind them.

TransactionTestCase: the cache is used only outside a transaction that has
written, and a write invalidates it when it commits, as in a request.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import TransactionTestCase
from django.test.utils import CaptureQueriesContext

from dangjian.accounts.models import Role
from dangjian.core import registry, tree
from dangjian.core.manifests import AppManifest, added
from dangjian.core.testing import make_org, make_user
from dangjian.orgs.models import Organization, OrgKind


class FiguresCacheTests(TransactionTestCase):
    def setUp(self):
        # Another TransactionTestCase's flush recreates the content types under new ids.
        ContentType.objects.clear_cache()
        self.committee = make_org("GW", "市直属机关工委", OrgKind.COMMITTEE)
        make_org("A", "市财政局机关党委", OrgKind.PARTY_COMMITTEE, self.committee)
        self.calls = 0

        def orgs_in(org, year):
            self.calls += 1
            return Organization.objects.filter(tree.subtree_q([org.path])).count()

        self.metric = registry.metric("test.orgs", "党组织数")(orgs_in)
        self.enterContext(registry.installed_for_test(self.metric))

    def figure(self) -> float | int:
        return registry.compute(self.committee, 2025)["test.orgs"]

    def test_a_second_stats_request_reads_the_figures_from_the_cache(self):
        self.client.force_login(make_user("staff", roles=((Role.COMMITTEE_STAFF, self.committee),)))
        with CaptureQueriesContext(connection) as first:
            self.assertEqual(self.client.get("/api/v1/stats", {"org": "GW", "year": 2025}).json()["test.orgs"], 2)
        with CaptureQueriesContext(connection) as second:
            self.assertEqual(self.client.get("/api/v1/stats", {"org": "GW", "year": 2025}).json()["test.orgs"], 2)
        self.assertEqual(self.calls, 1)
        # Only the request's own queries (session, user, roles, the organization) remain.
        self.assertLess(len(second), len(first) - len(registry.metrics()))
        self.assertLessEqual(len(second), 8)

    def test_a_write_changes_the_figure(self):
        self.assertEqual(self.figure(), 2)
        make_org("B", "市教育局机关党委", OrgKind.PARTY_COMMITTEE, self.committee)
        self.assertEqual(self.figure(), 3)
        Organization.objects.get(code="B").delete()
        self.assertEqual(self.figure(), 2)
        self.assertEqual(self.calls, 3)

    def test_figures_are_kept_per_organization_and_year(self):
        org_a = Organization.objects.get(code="A")
        self.assertEqual(registry.compute(org_a, 2025)["test.orgs"], 1)
        self.assertEqual(registry.compute(self.committee, 2025)["test.orgs"], 2)
        self.assertEqual(registry.compute(self.committee, 2024)["test.orgs"], 2)
        self.assertEqual(self.calls, 3)
        self.assertEqual(registry.value("test.orgs", org_a, 2025), 1)
        self.assertEqual(self.calls, 3)

    def test_a_transaction_that_wrote_sees_its_own_rows_and_a_rolled_back_one_changes_nothing(self):
        self.assertEqual(self.figure(), 2)
        with transaction.atomic():
            make_org("B", "市教育局机关党委", OrgKind.PARTY_COMMITTEE, self.committee)
            self.assertEqual(self.figure(), 3)
            transaction.set_rollback(True)
        self.assertEqual(self.figure(), 2)
        self.assertEqual(self.calls, 2)  # the figure from before the transaction still holds

    def test_a_bulk_write_marks_the_figures_changed(self):
        self.assertEqual(self.figure(), 2)
        Organization.objects.filter(code="A").update(path="9" * len(self.committee.path))  # no signal: out of GW
        self.assertEqual(self.figure(), 2)  # not seen: nobody said the rows changed
        registry.figures_changed()
        self.assertEqual(self.figure(), 1)

    def test_a_change_to_another_apps_rows_keeps_this_apps_figures(self):
        self.figure()
        registry.figures_changed("volunteer")
        self.figure()
        self.assertEqual(self.calls, 1)
        registry.figures_changed("test")
        self.figure()
        self.assertEqual(self.calls, 2)

    def test_figures_are_computed_again_the_next_day(self):
        self.figure()
        tomorrow = dt.date.today() + dt.timedelta(days=1)
        with mock.patch("dangjian.core.figures_cache.timezone.localdate", return_value=tomorrow):
            self.figure()
        self.assertEqual(self.calls, 2)

    def test_a_metric_called_directly_always_computes(self):
        self.figure()
        self.metric(self.committee, 2025)
        self.assertEqual(self.calls, 2)


class ContributedFigureCacheTests(TransactionTestCase):
    """A figure another app adds to is recomputed when either app's rows change, and only then."""

    def setUp(self):
        ContentType.objects.clear_cache()
        self.committee = make_org("GW", "市直属机关工委", OrgKind.COMMITTEE)
        self.own, self.added = 10, 0
        self.calls = 0

        def owned(org, year):
            self.calls += 1
            return self.own

        owner = registry.metric("test.trained", "参加培训", unit="人次")(owned)
        part = registry.metric("other.trained", "品牌培训", unit="人次", adds_to="test.trained")(
            lambda org, year: self.added
        )
        self.enterContext(registry.installed_for_test(owner))
        self.enterContext(added(AppManifest(app="other", label="其他", metrics=(part,))))

    def figure(self) -> float | int:
        return registry.compute(self.committee, 2025)["test.trained"]

    def test_a_change_in_the_contributing_app_recomputes_the_owners_figure(self):
        self.assertEqual(self.figure(), 10)
        self.added = 5
        self.assertEqual(self.figure(), 10)  # nobody said the rows changed: from the cache
        registry.figures_changed("other")
        self.assertEqual(self.figure(), 15)
        self.assertEqual(registry.value("test.trained", self.committee, 2025), 15)
        self.assertEqual(self.calls, 2)
        registry.figures_changed("volunteer")
        self.assertEqual(self.figure(), 15)
        self.assertEqual(self.calls, 2)
        self.own = 20
        registry.figures_changed("test")
        self.assertEqual(self.figure(), 25)
