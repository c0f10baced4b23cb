from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind, Unit

from .helpers import RosterTestCase


class QueryCountTests(RosterTestCase):
    """The list must not ask the database once per row (no N+1) at 12,000 people."""

    def login_as(self, user):
        super().login_as(user)
        # The first request after a login records the activity in the session; the counts are of reads.
        self.client.get("/")

    def count(self, url, **params):
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200)
        return len(ctx.captured_queries)

    def test_the_list_costs_the_same_for_two_people_as_for_forty(self):
        self.login_as(self.w.staff)
        few = self.count("/members/", sort="org")
        unit = Unit.objects.create(name="市统计局")
        for i in range(40):
            self.person(f"测试{i}", org=self.w.branch_a2 if i % 2 else self.w.branch_b1, unit=unit)
        self.assertEqual(self.count("/members/", sort="org"), few)

    def test_the_list_as_it_opens_costs_the_same_for_two_people_as_for_forty(self):
        self.login_as(self.w.staff)
        few = self.count("/members/")
        for i in range(40):
            self.person(f"测试{i}", org=self.w.branch_a2 if i % 2 else self.w.branch_b1)
        self.assertEqual(self.count("/members/"), few)

    def test_a_search_costs_the_same_for_two_matches_as_for_forty(self):
        self.login_as(self.w.staff)
        for i in range(2):
            self.person(f"欧阳{i}", org=self.w.branch_b1)
        few = self.count("/members/", q="欧阳")
        for i in range(2, 40):
            self.person(f"欧阳{i}", org=self.w.branch_a2)
        response = self.client.get("/members/", {"q": "欧阳"})
        self.assertContains(response, "欧阳39")
        self.assertEqual(response.context["page"].paginator.count, 40)
        self.assertEqual(self.count("/members/", q="欧阳"), few)

    def test_forty_more_organizations_to_pick_from_cost_no_query(self):
        self.login_as(self.w.staff)
        few = self.count("/members/")
        for i in range(40):
            make_org(f"B1{i:02d}", f"测试第{i}党支部", OrgKind.BRANCH, self.w.org_b)
        self.assertContains(self.client.get("/members/"), 'value="B139">')
        self.assertEqual(self.count("/members/"), few)

    def test_the_export_costs_the_same_for_two_people_as_for_forty(self):
        self.login_as(self.w.staff)
        few = self.count("/members/export.xlsx")
        for i in range(40):
            self.person(f"测试{i}", org=self.w.branch_b1)
        self.assertEqual(self.count("/members/export.xlsx"), few)

    def test_the_api_list_costs_the_same_for_two_people_as_for_forty(self):
        self.login_as(self.w.staff)
        few = self.count("/api/v1/members")
        for i in range(40):
            self.person(f"测试{i}", org=self.w.branch_b1)
        self.assertEqual(self.count("/api/v1/members"), few)
