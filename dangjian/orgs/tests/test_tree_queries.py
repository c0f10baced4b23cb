"""The tree and the checks ask the database a fixed number of times, however many organizations there are."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind, Unit

from .helpers import OrgTestCase, add_people, elect, extend, give_post


class TreeQueryCountTests(OrgTestCase):
    def count(self, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(ctx.captured_queries)

    def grow(self, n: int) -> None:
        """N more branches under A, each with people, a secretary, an election, a unit and a group."""
        for i in range(n):
            unit = Unit.objects.create(name=f"测试单位{i}")
            branch = make_org(f"T{i:02d}", f"测试第{i}党支部", OrgKind.BRANCH, self.w.org_a, units=[unit])
            make_org(f"T{i:02d}G", f"测试第{i}党小组", OrgKind.GROUP, branch)
            add_people(branch, 4)
            give_post(branch, name=f"书记{i}")
            election = elect(branch, dt.date(2020, 1, 1) + dt.timedelta(days=i), seats=3, candidates=3)
            if i % 3 == 0:
                extend(election, dt.date(2023, 6, 1))

    def test_the_expanded_tree_costs_the_same_for_six_organizations_as_for_sixty(self) -> None:
        self.login_as(self.w.staff)
        few = self.count("/orgs/?expand=1")
        self.grow(30)
        many = self.count("/orgs/?expand=1")
        self.assertEqual(many, few)

    def test_the_compliance_page_and_the_issue_filter_cost_the_same_too(self) -> None:
        self.login_as(self.w.staff)
        few = (self.count("/orgs/compliance/"), self.count("/orgs/?issues=1"))
        self.grow(30)
        self.assertEqual((self.count("/orgs/compliance/"), self.count("/orgs/?issues=1")), few)

    def test_the_tree_as_it_opens_costs_the_same_too(self) -> None:
        self.login_as(self.w.staff)
        few = self.count("/orgs/")
        self.grow(30)
        self.assertEqual(self.count("/orgs/"), few)

    def test_an_organizations_page_costs_the_same_for_two_below_as_for_thirty_two(self) -> None:
        # The page lists the organizations below with counts, secretaries and terms, and a page of its roster.
        self.login_as(self.w.staff)
        few = self.count("/orgs/A/")
        self.grow(30)
        html = self.client.get("/orgs/A/").content.decode()
        self.assertIn("测试第29党支部", html)
        self.assertIn("书记29", html)
        self.assertEqual(self.count("/orgs/A/"), few)

    def test_the_children_of_a_node_cost_the_same_for_two_as_for_thirty_two(self) -> None:
        self.login_as(self.w.staff)
        few = self.count("/orgs/A/children/")
        self.grow(30)
        html = self.client.get("/orgs/A/children/").content.decode()
        self.assertIn("测试第29党支部", html)
        self.assertEqual(self.count("/orgs/A/children/"), few)
