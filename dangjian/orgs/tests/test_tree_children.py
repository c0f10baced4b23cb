"""The tree's children on demand: GET /orgs/<code>/children/ answers the next level under one organization."""

from django.urls import reverse

from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind
from dangjian.people.models import Status

from .helpers import OrgTestCase, add_people


class TreeChildrenTests(OrgTestCase):
    def setUp(self):
        super().setUp()
        self.group = make_org("A0101", "财政局第一党小组", OrgKind.GROUP, self.w.branch_a1)
        add_people(self.w.branch_a1, 4)  # with 张建国: 5 directly in A01
        add_people(self.group, 3)
        add_people(self.w.branch_a1, 2, Status.ACTIVIST)  # on the roster, not party members

    def children(self, code):
        return self.client.get(reverse("orgs:children", args=[code]))

    def test_it_answers_exactly_the_children_with_their_counts(self):
        self.login_as(self.w.staff)
        r = self.children("A")
        self.assertEqual(r.status_code, 200)
        html = r.content.decode()
        self.assertIn("市财政局第一党支部", html)
        self.assertIn('href="/orgs/A02/"', html)
        self.assertNotIn("市财政局机关党委", html)  # not the parent itself
        self.assertNotIn("财政局第一党小组", html)  # nor a grandchild: it comes on demand in turn
        self.assertNotIn("市教育局", html)
        self.assertIn('党员 <strong>8</strong><span class="text-muted">（5）</span>', html)  # A01 with its group
        self.assertIn('hx-get="/orgs/A01/children/"', html)  # A01 has a child: an expand control
        self.assertIn('<a href="/orgs/A01/">下级组织 1 个</a>', html)
        self.assertIn('href="/orgs/A02/#findings"', html)
        self.assertEqual(html.count("<details"), html.count("</details>"))
        self.assertFalse(html.startswith("<ul>"))  # items of the list already on the page

    def test_a_leaf_level_has_no_expand_control(self):
        self.login_as(self.w.staff)
        html = self.children("A01").content.decode()
        self.assertIn("财政局第一党小组", html)
        self.assertIn("党员 <strong>3</strong>", html)
        self.assertNotIn("<details", html)

    def test_an_admin_opens_their_own_subtree_only(self):
        self.login_as(self.w.admin_a)
        self.assertEqual(self.children("A").status_code, 200)
        self.assertEqual(self.children("A01").status_code, 200)
        for code in ("B", "GW"):
            self.assertDeniedAndRecorded(self.children(code), self.w.admin_a)

    def test_a_member_an_outsider_and_a_missing_code_get_a_recorded_404(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertDeniedAndRecorded(self.children("A"), user)
        self.login_as(self.w.staff)
        self.assertDeniedAndRecorded(self.children("NOPE"), self.w.staff)

    def test_an_anonymous_visitor_is_sent_to_log_in(self):
        r = self.children("A")
        self.assertEqual(r.status_code, 302)
        self.assertIn(reverse("accounts:login"), r["Location"])
