from django.urls import reverse

from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind
from dangjian.people.models import Status

from .helpers import OrgTestCase, add_people


class TreePageTests(OrgTestCase):
    def setUp(self):
        super().setUp()
        self.group = make_org("A0101", "财政局第一党小组", OrgKind.GROUP, self.w.branch_a1)
        add_people(self.w.branch_a1, 4)  # with 张建国: 5 directly in A01
        add_people(self.group, 3)
        add_people(self.w.branch_a1, 2, Status.ACTIVIST)  # on the roster, not party members

    def test_it_shows_the_top_two_levels_with_their_counts(self):
        self.login_as(self.w.staff)
        r = self.client.get(reverse("orgs:tree"))
        self.assertEqual(r.status_code, 200)
        html = r.content.decode()
        for name in ("市直属机关工委", "市财政局机关党委", "市教育局机关党委"):
            self.assertIn(name, html)
        # Below the second level nothing is rendered: it comes on demand.
        for name in ("市财政局第一党支部", "财政局第一党小组", "市教育局第一党支部"):
            self.assertNotIn(name, html)
        self.assertIn("党员 <strong>9</strong>", html)  # the committee: 8 in A01 with its group + 李红梅
        self.assertIn('hx-get="/orgs/A/children/"', html)
        self.assertIn('hx-get="/orgs/B/children/"', html)
        self.assertIn('<a href="/orgs/A/">下级组织 2 个</a>', html)  # without JavaScript: the page of A

    def test_expand_all_shows_every_organization_with_its_counts(self):
        self.login_as(self.w.staff)
        html = self.client.get(reverse("orgs:tree"), {"expand": "1"}).content.decode()
        names = ("市直属机关工委", "市财政局机关党委", "市财政局第一党支部", "财政局第一党小组", "市教育局第一党支部")
        for name in names:
            self.assertIn(name, html)
        self.assertInHTML("<strong>8</strong>", html)  # A01: 8 party members with its group, 5 directly
        self.assertIn("（5）", html)
        self.assertNotIn("hx-get", html)
        self.assertEqual(html.count("<details open"), 4)  # GW, A, A01, B (the nodes with children)

    def test_it_nests_the_tree_in_collapsible_details(self):
        self.login_as(self.w.staff)
        html = self.client.get(reverse("orgs:tree")).content.decode()
        self.assertEqual(html.count("<details"), html.count("</details>"))
        self.assertEqual(html.count("<details"), 3)  # GW, A, B (A01 is not rendered)
        self.assertIn("<details open>", html)

    def test_an_org_admin_sees_only_their_subtree(self):
        self.login_as(self.w.admin_a)
        html = self.client.get(reverse("orgs:tree")).content.decode()
        self.assertIn("市财政局第一党支部", html)
        self.assertNotIn("市教育局", html)
        self.assertNotIn("市直属机关工委</a>", html)

    def test_the_filter_finds_an_organization_by_name_or_code(self):
        self.login_as(self.w.staff)
        html = self.client.get(reverse("orgs:tree"), {"q": "教育局第一"}).content.decode()
        self.assertIn("找到 1 个组织", html)
        self.assertIn("市直属机关工委 › 市教育局机关党委", html)
        html = self.client.get(reverse("orgs:tree"), {"q": "a0101"}).content.decode()
        self.assertIn("财政局第一党小组", html)
        self.assertIn("找到 1 个组织", html)

    def test_the_filter_by_kind_lists_only_that_kind(self):
        self.login_as(self.w.staff)
        html = self.client.get(reverse("orgs:tree"), {"kind": "party_committee"}).content.decode()
        self.assertIn("找到 2 个组织", html)

    def test_it_shows_the_number_of_findings_per_organization(self):
        self.login_as(self.w.staff)
        html = self.client.get(reverse("orgs:tree"), {"expand": "1"}).content.decode()
        self.assertIn('href="/orgs/A02/#findings"', html)
        html = self.client.get(reverse("orgs:children", args=["A"])).content.decode()
        self.assertIn('href="/orgs/A02/#findings"', html)

    def test_a_member_or_an_outsider_gets_a_recorded_404(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertDeniedAndRecorded(self.client.get(reverse("orgs:tree")), user)

    def test_an_anonymous_visitor_is_sent_to_log_in(self):
        r = self.client.get(reverse("orgs:tree"))
        self.assertEqual(r.status_code, 302)
        self.assertIn(reverse("accounts:login"), r["Location"])
