import datetime as dt
from unittest import mock

from django.urls import reverse

from dangjian.core import registry
from dangjian.core.testing import UnitFactory, make_org
from dangjian.orgs import services, stats
from dangjian.orgs.models import OrgKind

from .helpers import OrgTestCase, elect, extend


class UnitsAdjustedTests(OrgTestCase):
    def move(self, org, parent, day):
        services.org_move(
            org=org, new_parent=parent, changed_on=day, reason="机构改革", doc_number="市直工委〔2024〕1号"
        )

    def test_it_counts_distinct_units_of_organizations_moved_in_the_year(self):
        joint = make_org(
            "A03", "联合支部", OrgKind.BRANCH, self.w.org_a, units=[UnitFactory(name="市档案馆"), self.w.unit_a]
        )
        self.move(joint, self.w.org_b, dt.date(2024, 5, 1))
        self.move(self.w.branch_a2, self.w.org_b, dt.date(2024, 6, 1))  # 市财政局 again: counted once
        self.move(self.w.branch_a1, self.w.org_b, dt.date(2023, 6, 1))  # another year
        self.assertEqual(stats.units_adjusted(self.w.committee, 2024), 2)
        self.assertEqual(stats.units_adjusted(self.w.org_b, 2024), 2)
        self.assertEqual(stats.units_adjusted(self.w.org_a, 2024), 0)
        self.assertEqual(stats.units_adjusted(self.w.committee, 2023), 1)

    def test_the_records_page_lists_the_changes(self):
        self.move(self.w.branch_a2, self.w.org_b, dt.date(2024, 6, 1))
        self.login_as(self.w.staff)
        r = self.client.get(reverse("orgs:affiliation_changes"), {"org": "GW", "year": 2024})
        self.assertContains(r, "1 次调整，涉及 1 个单位")
        self.assertContains(r, "市财政局机关党委 → 市教育局机关党委")
        r = self.client.get(reverse("orgs:affiliation_changes"), {"org": "GW", "year": 2023})
        self.assertContains(r, "该年度没有隶属关系调整")


class ElectionsHeldTests(OrgTestCase):
    def test_it_counts_elections_held_in_the_year_in_the_subtree(self):
        elect(self.w.branch_a1, dt.date(2024, 3, 1))
        elect(self.w.branch_b1, dt.date(2024, 11, 30))
        elect(self.w.branch_b1, dt.date(2021, 11, 30))
        self.assertEqual(stats.elections_held(self.w.committee, 2024), 2)
        self.assertEqual(stats.elections_held(self.w.org_a, 2024), 1)
        self.assertEqual(stats.elections_held(self.w.committee, 2021), 1)

    def test_the_records_page_lists_them(self):
        elect(self.w.branch_b1, dt.date(2024, 11, 30), seats=5, candidates=6)
        self.login_as(self.w.admin_b)
        r = self.client.get(reverse("orgs:elections"), {"org": "B", "year": 2024})
        self.assertContains(r, "共 1 次换届选举")
        self.assertContains(r, "2024年11月30日")


class ElectionsOverdueTests(OrgTestCase):
    def test_it_counts_organizations_overdue_at_the_end_of_a_past_year(self):
        elect(self.w.branch_a1, dt.date(2020, 3, 1))  # due 2023-03-01
        elect(self.w.branch_a2, dt.date(2021, 12, 31))  # due 2024-12-31: not yet overdue at the end of 2024
        e = elect(self.w.branch_b1, dt.date(2020, 6, 1))  # due 2023-06-01, delayed to 2024-05-01
        extend(e, dt.date(2024, 5, 1), approved_on=dt.date(2023, 5, 1))
        self.assertEqual(stats.elections_overdue(self.w.committee, 2022), 0)
        self.assertEqual(stats.elections_overdue(self.w.committee, 2023), 1)  # A01; B01 delayed
        self.assertEqual(stats.elections_overdue(self.w.committee, 2024), 2)  # A01, B01
        self.assertEqual(stats.elections_overdue(self.w.org_b, 2024), 1)

    def test_an_election_held_later_does_not_rewrite_an_earlier_year(self):
        elect(self.w.branch_a1, dt.date(2020, 3, 1))
        elect(self.w.branch_a1, dt.date(2024, 2, 1))
        self.assertEqual(stats.elections_overdue(self.w.committee, 2023), 1)
        self.assertEqual(stats.elections_overdue(self.w.committee, 2024), 0)

    def test_the_current_year_is_counted_as_of_today(self):
        today = dt.date(2025, 6, 30)
        elect(self.w.branch_a1, dt.date(2022, 6, 1))  # due 2025-06-01
        elect(self.w.branch_a2, dt.date(2022, 9, 1))  # due 2025-09-01
        with mock.patch("dangjian.orgs.selectors.timezone.localdate", return_value=today):
            self.assertEqual(stats.elections_overdue(self.w.committee, 2025), 1)

    def test_the_records_page_lists_the_overdue_organizations(self):
        elect(self.w.branch_a1, dt.date(2020, 3, 1))
        self.login_as(self.w.staff)
        r = self.client.get(reverse("orgs:overdue"), {"org": "GW", "year": 2023})
        self.assertContains(r, "截至2023年12月31日，1 个组织换届超期")
        self.assertContains(r, "市财政局第一党支部")


class RegistryTests(OrgTestCase):
    def test_the_three_keys_are_registered_with_record_pages(self):
        metrics = {m.key: m for m in registry.metrics()}
        for key, url in (
            ("orgs.units_adjusted", "orgs:affiliation_changes"),
            ("orgs.elections_held", "orgs:elections"),
            ("orgs.elections_overdue", "orgs:overdue"),
        ):
            self.assertEqual(metrics[key].records_url, url)
            reverse(url)

    def test_the_stats_endpoint_returns_them(self):
        elect(self.w.branch_a1, dt.date(2024, 3, 1))
        self.login_as(self.w.staff)
        data = self.client.get("/api/v1/stats", {"org": "GW", "year": 2024}).json()
        self.assertEqual(data["orgs.elections_held"], 1)
        self.assertIn("orgs.units_adjusted", data)
        self.assertIn("orgs.elections_overdue", data)
