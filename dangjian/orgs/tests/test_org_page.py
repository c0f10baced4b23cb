import datetime as dt

from django.urls import reverse

from dangjian.core.testing import MemberFactory, make_org
from dangjian.orgs import services
from dangjian.orgs.models import AffiliationChange, OrgKind
from dangjian.people.models import PostTitle

from .helpers import OrgTestCase, add_people, elect, extend, give_post


class OrgPageTests(OrgTestCase):
    def page(self, code, user=None, **params):
        self.login_as(user or self.w.staff)
        return self.client.get(reverse("orgs:detail", args=[code]), params)

    def test_it_shows_the_breadcrumb_kind_code_and_units(self):
        html = self.page("A01").content.decode()
        self.assertIn('<a href="/orgs/GW/">市直属机关工委</a>', html)
        self.assertIn('<a href="/orgs/A/">市财政局机关党委</a>', html)
        self.assertIn("党支部", html)
        self.assertIn("编码 A01", html)
        self.assertIn("市财政局", html)

    def test_an_admin_sees_ancestors_above_their_reach_unlinked(self):
        html = self.page("A01", self.w.admin_a).content.decode()
        self.assertNotIn('href="/orgs/GW/"', html)
        self.assertIn("市直属机关工委", html)

    def test_it_shows_the_secretary_and_current_posts(self):
        give_post(self.w.branch_a1, name="孙书记")
        give_post(self.w.branch_a1, PostTitle.ORGANIZATION, name="钱委员")
        html = self.page("A01").content.decode()
        self.assertIn("孙书记", html)
        self.assertIn("组织委员", html)
        self.assertIn("钱委员", html)

    def test_it_shows_the_term_with_its_status(self):
        today = dt.date.today()
        elect(self.w.branch_a1, today.replace(year=today.year - 3) + dt.timedelta(days=40), seats=5, candidates=6)
        html = self.page("A01").content.decode()
        self.assertIn("本届任期", html)
        self.assertIn("3 年", html)
        self.assertIn("即将到期", html)

    def test_it_shows_an_overdue_term_and_an_approved_delay(self):
        e = elect(self.w.branch_a1, dt.date(2015, 3, 1))
        html = self.page("A01").content.decode()
        self.assertIn("已超期", html)
        extend(e, dt.date.today() + dt.timedelta(days=10), approved_on=dt.date.today() - dt.timedelta(days=1))
        # the delay exceeds a year past 2018-03-01 in the data, so it cannot help: still overdue
        self.assertIn("已超期", self.page("A01").content.decode())
        e2 = elect(self.w.branch_a2, dt.date.today().replace(year=dt.date.today().year - 3) - dt.timedelta(days=30))
        extend(e2, dt.date.today() + dt.timedelta(days=200), approved_on=dt.date.today() - dt.timedelta(days=60))
        self.assertIn("已批准延期", self.page("A02").content.decode())

    def test_it_lists_elections_and_affiliation_changes(self):
        elect(self.w.branch_a2, dt.date(2021, 4, 2), seats=3, candidates=4)
        services.org_move(
            org=self.w.branch_a2,
            new_parent=self.w.org_b,
            changed_on=dt.date(2024, 9, 1),
            reason="机构改革",
            doc_number="市直工委〔2024〕12号",
        )
        html = self.page("A02").content.decode()
        self.assertIn("2021年4月2日", html)
        self.assertIn("3 / 4", html)
        self.assertIn("市财政局机关党委 → 市教育局机关党委", html)
        self.assertIn("市直工委〔2024〕12号", html)
        self.assertEqual(AffiliationChange.objects.count(), 1)

    def test_it_lists_children_with_their_counts(self):
        group = make_org("A0201", "第二支部党小组", OrgKind.GROUP, self.w.branch_a2)
        add_people(self.w.branch_a2, 6)
        add_people(group, 3)
        html = self.page("A").content.decode()
        self.assertIn("下级组织（2）", html)
        self.assertInHTML(
            '<td class="text-end">9</td><td class="text-end">9</td><td class="text-end">6</td>', html
        )  # A02: 9 with its group, all full, 6 directly

    def test_it_shows_the_findings_of_this_organization(self):
        html = self.page("A02").content.decode()
        self.assertIn('id="findings"', html)
        self.assertIn("无现任书记", html)
        self.assertIn("正式党员0名（本组织及下级合计）", html)

    def test_the_roster_is_paginated_fifty_a_page(self):
        add_people(self.w.branch_a2, 120)
        r = self.page("GW")
        self.assertEqual(len(r.context["roster"].object_list), 50)
        self.assertIn("共 122 人", r.content.decode())
        r = self.page("GW", page=3)
        self.assertEqual(len(r.context["roster"].object_list), 22)

    def test_the_roster_links_to_each_person(self):
        person = MemberFactory(name="赵小燕", org=self.w.branch_a2)
        html = self.page("A").content.decode()
        self.assertIn(f'href="{reverse("people:detail", args=[person.pk])}"', html)

    def test_the_roster_covers_the_subtree(self):
        group = make_org("A0101", "第一党小组", OrgKind.GROUP, self.w.branch_a1)
        MemberFactory(name="钱小组", org=group)
        html = self.page("A01").content.decode()
        self.assertIn("钱小组", html)
        self.assertIn("张建国", html)

    def test_the_management_forms_show_only_to_those_who_manage(self):
        self.assertIn("调整隶属关系", self.page("A01", self.w.admin_a).content.decode())
        self.assertIn("登记换届选举", self.page("A01", self.w.staff).content.decode())
