"""The tree and the head counts are kept between requests, and a write shows at once.

TransactionTestCase: what is kept is used only outside a transaction that has written, and a
write retires it when it commits, as in a request (registry.kernel_cached).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import TransactionTestCase
from django.test.utils import CaptureQueriesContext

from dangjian.core.testing import MemberFactory, World, make_org
from dangjian.orgs.models import OrgKind


class KeptTreeTests(TransactionTestCase):
    def setUp(self) -> None:
        ContentType.objects.clear_cache()  # another TransactionTestCase's flush made new ids
        self.w = World()

    def get(self, url: str) -> tuple[str, int]:
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode(), len(ctx.captured_queries)

    def test_a_second_look_at_the_tree_asks_the_database_less(self) -> None:
        self.client.force_login(self.w.staff)
        self.client.get("/")  # the login's first request writes the session's activity
        first, first_queries = self.get("/orgs/")
        second, second_queries = self.get("/orgs/")
        tree = 'class="card-body org-tree"'  # the page around it carries a fresh CSRF token each time
        self.assertEqual(second[second.index(tree) :], first[first.index(tree) :])
        self.assertLess(second_queries, first_queries)

    def test_a_new_person_and_a_new_organization_show_in_the_tree_at_once(self) -> None:
        self.client.force_login(self.w.staff)
        html, _ = self.get("/orgs/")
        self.assertIn("党员 <strong>2</strong>", html)  # the committee: 张建国 and 李红梅
        children, _ = self.get("/orgs/B/children/")  # kept too
        self.assertNotIn("市教育局第二党支部", children)
        MemberFactory.create(name="王新", org=self.w.branch_b1)
        make_org("B02", "市教育局第二党支部", OrgKind.BRANCH, self.w.org_b)
        html, _ = self.get("/orgs/")
        self.assertIn("党员 <strong>3</strong>", html)
        self.assertIn("下级组织 2 个", html)  # B's, whose children come on demand
        children, _ = self.get("/orgs/B/children/")
        self.assertIn("市教育局第二党支部", children)
        page, _ = self.get("/orgs/B/")
        self.assertIn("市教育局第二党支部", page)
        self.assertIn("王新", page)

    def test_an_administrator_never_gets_the_committees_tree(self) -> None:
        self.client.force_login(self.w.staff)
        self.assertIn("市教育局", self.get("/orgs/")[0])
        self.client.force_login(self.w.admin_a)
        html, _ = self.get("/orgs/")
        self.assertIn("市财政局第一党支部", html)
        self.assertNotIn("市教育局", html)
