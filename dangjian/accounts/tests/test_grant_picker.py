"""The role-grant form picks the account by name as one types, among the accounts the granter may reach."""

from dangjian.accounts.models import Role, RoleAssignment
from dangjian.core.testing import BaseTestCase, MemberFactory, make_user


class GrantPickerTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.a2 = make_user("wang_a2", person=MemberFactory(name="王立新", org=self.w.branch_a2))
        self.b1 = make_user("wang_b1", person=MemberFactory(name="王立华", org=self.w.branch_b1))

    def options(self, q: str):
        response = self.client.get("/accounts/roles/accounts/", {"q": q}, HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 200)
        return response

    def test_typing_part_of_a_name_lists_the_accounts_of_ones_subtree(self):
        self.login_as(self.w.admin_a)
        response = self.options("王立")
        self.assertContains(response, 'value="wang_a2"')
        self.assertContains(response, "王立新")
        self.assertContains(response, "市财政局第二党支部")
        self.assertNotContains(response, "王立华")  # B's people are not offered to A's administrator

    def test_pinyin_initials_and_username_find_too(self):
        self.login_as(self.w.admin_a)
        self.assertContains(self.options("wlx"), 'value="wang_a2"')
        self.assertContains(self.options("wang_"), 'value="wang_a2"')

    def test_nothing_found_says_where_it_looked(self):
        self.login_as(self.w.admin_a)
        self.assertContains(self.options("李红梅"), "只列出您可以授予角色的账号")

    def test_committee_staff_see_both_subtrees(self):
        self.login_as(self.w.staff)
        response = self.options("王立")
        self.assertContains(response, 'value="wang_a2"')
        self.assertContains(response, 'value="wang_b1"')

    def test_the_picked_account_is_granted_the_role(self):
        self.login_as(self.w.admin_a)
        page = self.client.get("/accounts/roles/")
        self.assertContains(page, 'hx-get="/accounts/roles/accounts/"')
        self.client.post(
            "/accounts/roles/grant/", {"q": "王立", "username": "wang_a2", "role": Role.EDITOR, "org": "A02"}
        )
        self.assertTrue(RoleAssignment.objects.filter(user=self.a2, role=Role.EDITOR, org=self.w.branch_a2).exists())

    def test_a_form_shown_again_keeps_the_picked_account(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/accounts/roles/grant/", {"username": "wang_a2", "role": "", "org": "A02"})
        self.assertContains(response, "请选择角色")
        self.assertContains(response, 'value="wang_a2" id="acct-chosen" checked')

    def test_those_who_grant_nothing_get_a_recorded_404(self):
        for user in (self.w.sysadmin, self.w.member, self.w.outsider):
            self.login_as(user)
            response = self.client.get("/accounts/roles/accounts/", {"q": "王"})
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("王立新", response.content.decode())
