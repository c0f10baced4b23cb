"""The system administrator creates accounts from the roster (their owner organization confirms the
password), grants no role, sees personal data masked, and can neither read the audit log nor change
security settings."""

from dangjian.accounts.models import CredentialIssue, Role, RoleAssignment, User
from dangjian.core.models import AuditEntry
from dangjian.core.testing import PASSWORD, BaseTestCase, MemberFactory, make_org
from dangjian.orgs.models import OrgKind

from .helpers import log_in


class AccountCreationTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.person = MemberFactory(name="王建军", org=self.w.branch_a2)
        self.login_as(self.w.sysadmin)

    def test_it_finds_people_of_the_roster_by_name_or_initials_with_the_id_masked(self):
        response = self.client.get("/accounts/users/new/", {"q": "wjj"})
        self.assertContains(response, "王建军")
        self.assertContains(response, self.person.id_number_masked)
        self.assertNotContains(response, self.person.id_number)

    def test_people_who_already_have_an_account_are_not_offered(self):
        response = self.client.get("/accounts/users/new/", {"q": "张建国"})  # the member's person
        self.assertNotContains(response, f"?person={self.w.person_a.pk}")

    def test_people_of_another_committee_are_not_offered(self):
        other = make_org("GW2", "另一工委", OrgKind.COMMITTEE)
        branch = make_org("X01", "另一支部", OrgKind.BRANCH, other)
        MemberFactory(name="王建军", org=branch)
        response = self.client.get("/accounts/users/new/", {"q": "王建军"})
        self.assertContains(response, "?person=", count=1)

    def test_it_creates_an_account_whose_generated_password_only_the_owner_organization_sees_once(self):
        response = self.client.post(
            "/accounts/users/new/", {"person": self.person.pk, "username": "wangjj", "display_name": ""}
        )
        self.assertContains(response, "账号已建立")
        self.assertNotIn("password", response.context)  # 三员分立: never shown to the system administrator
        account = User.objects.get(username="wangjj")
        self.assertEqual(account.person, self.person)
        self.assertEqual(account.display_name, "王建军")
        self.assertTrue(account.must_change_password)
        self.assertFalse(account.has_usable_password())
        # The person's organization (A02, under A) confirms; its administrator is shown the password once.
        self.login_as(self.w.admin_a)
        issue = CredentialIssue.objects.get(account=account)
        response = self.client.post(f"/accounts/credentials/{issue.pk}/confirm/")
        self.assertContains(response, "只显示这一次")
        password = response.context["password"]
        account.refresh_from_db()
        self.assertTrue(account.check_password(password))
        self.assertGreaterEqual(len(password), 12)
        create = AuditEntry.objects.filter(event="create", object_repr="王建军").latest("pk")
        self.assertEqual(create.actor, self.w.sysadmin)
        self.assertNotIn(password, str(create.changes))
        confirmed = AuditEntry.objects.get(event="credential_confirmed")
        self.assertEqual(confirmed.actor, self.w.admin_a)
        self.assertNotIn(password, str(confirmed.additional_data))
        # A second confirmation of the same request is refused.
        self.client.post(f"/accounts/credentials/{issue.pk}/confirm/")
        account.refresh_from_db()
        self.assertTrue(account.check_password(password))
        # The new user's first login leads to the password change.
        self.client.logout()
        log_in(self.client, "wangjj", password)
        self.assertRedirects(self.client.get("/"), "/accounts/password/?next=%2F", fetch_redirect_response=False)

    def test_one_person_one_account(self):
        response = self.client.post("/accounts/users/new/", {"person": self.w.person_a.pk, "username": "zhang2"})
        self.assertContains(response, "已有账号")
        self.assertFalse(User.objects.filter(username="zhang2").exists())

    def test_usernames_are_unique(self):
        response = self.client.post("/accounts/users/new/", {"person": self.person.pk, "username": "STAFF"})
        self.assertContains(response, "已被使用")

    def test_only_the_system_administrator_creates_accounts(self):
        for user in (self.w.staff, self.w.admin_a, self.w.secadmin, self.w.auditor, self.w.member):
            self.login_as(user)
            response = self.client.post("/accounts/users/new/", {"person": self.person.pk, "username": "x1"})
            self.assertEqual(response.status_code, 404)
        self.assertFalse(User.objects.filter(username="x1").exists())


class AccountManagementTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.login_as(self.w.sysadmin)

    def test_the_account_list_shows_roles_and_masked_personal_data(self):
        response = self.client.get("/accounts/users/")
        self.assertContains(response, "admin_a")
        self.assertContains(response, self.w.person_a.id_number_masked)
        self.assertNotContains(response, self.w.person_a.id_number)

    def test_the_account_page_never_reveals_personal_data(self):
        response = self.client.get(f"/accounts/users/{self.w.member.pk}/")
        self.assertContains(response, self.w.person_a.id_number_masked)
        self.assertNotContains(response, self.w.person_a.id_number)
        self.assertNotContains(response, self.w.person_a.phone)

    def test_the_system_administrator_cannot_reveal_an_id_number(self):
        response = self.client.post(f"/members/{self.w.person_a.pk}/reveal/")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(AuditEntry.objects.filter(event="reveal").exists())

    def test_it_resets_a_password_which_the_owner_organization_confirms_and_which_must_then_be_changed(self):
        response = self.client.post(f"/accounts/users/{self.w.member.pk}/password-reset/")
        self.assertContains(response, "密码已重置")
        self.assertNotIn("password", response.context)
        self.w.member.refresh_from_db()
        self.assertTrue(self.w.member.must_change_password)
        self.assertFalse(self.w.member.check_password(PASSWORD))  # the old one stops working at once
        self.assertEqual(AuditEntry.objects.get(event="password_reset").actor, self.w.sysadmin)
        self.login_as(self.w.admin_a)
        issue = CredentialIssue.objects.get(account=self.w.member, status="pending")
        response = self.client.post(f"/accounts/credentials/{issue.pk}/confirm/")
        self.w.member.refresh_from_db()
        self.assertTrue(self.w.member.must_change_password)
        self.assertTrue(self.w.member.check_password(response.context["password"]))

    def test_it_disables_and_enables_an_account(self):
        self.client.post(f"/accounts/users/{self.w.member.pk}/active/", {"active": "0"})
        self.w.member.refresh_from_db()
        self.assertFalse(self.w.member.is_active)
        self.assertTrue(AuditEntry.objects.filter(event="account_disabled").exists())
        self.client.logout()
        self.assertEqual(log_in(self.client, "member").status_code, 200)  # refused: the form again
        self.login_as(self.w.sysadmin)
        self.client.post(f"/accounts/users/{self.w.member.pk}/active/", {"active": "1"})
        self.w.member.refresh_from_db()
        self.assertTrue(self.w.member.is_active)

    def test_administrator_accounts_are_kept_at_the_server_only(self):
        for admin in (self.w.secadmin, self.w.auditor):
            self.client.post(f"/accounts/users/{admin.pk}/password-reset/")
            self.client.post(f"/accounts/users/{admin.pk}/active/", {"active": "0"})
            admin.refresh_from_db()
            self.assertFalse(admin.must_change_password)
            self.assertTrue(admin.is_active)
        self.assertFalse(AuditEntry.objects.filter(event__in=["password_reset", "account_disabled"]).exists())

    def test_it_grants_no_role_from_the_account_page(self):
        # 三员分立 (issue 10): business roles come from those who own the data, never from the sysadmin.
        response = self.client.post(
            "/accounts/roles/grant/",
            {"username": "member", "role": Role.REVIEWER, "org": "A", "back": f"/accounts/users/{self.w.member.pk}/"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(RoleAssignment.objects.filter(user=self.w.member, role=Role.REVIEWER).exists())
        self.assertNotContains(self.client.get(f"/accounts/users/{self.w.member.pk}/"), "/accounts/roles/grant/")

    def test_the_system_administrator_cannot_read_the_audit_log_or_change_the_policy(self):
        for path in ("/audit/", "/audit/export.xlsx", "/accounts/security/", "/accounts/security/lockouts/"):
            self.assertEqual(self.client.get(path).status_code, 404, path)
        self.assertEqual(self.client.post("/accounts/security/", {"idle_minutes": 120}).status_code, 404)

    def test_the_home_page_leads_to_the_account_list(self):
        self.assertRedirects(self.client.get("/"), "/accounts/users/", fetch_redirect_response=False)
        self.assertContains(self.client.get("/accounts/users/"), "账号管理")


class OutOfScopePersonTests(BaseTestCase):
    def test_a_person_of_another_committee_is_a_recorded_404(self):
        other = make_org("GW2", "另一工委", OrgKind.COMMITTEE)
        stranger = MemberFactory(name="外人", org=make_org("X01", "另一支部", OrgKind.BRANCH, other))
        self.login_as(self.w.sysadmin)
        response = self.client.post("/accounts/users/new/", {"person": stranger.pk, "username": "stranger"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(User.objects.filter(username="stranger").exists())
        self.assertTrue(AuditEntry.objects.filter(event="denied", actor=self.w.sysadmin).exists())
