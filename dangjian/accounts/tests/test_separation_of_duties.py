"""三员分立 (issue 10 §1): no chain leads one of the three administrators to unmasked personal data.

Each test is one chain the probe walked, or could have: straight to the roster, or
through an account the administrator creates, resets or grants a role to and then
logs in as. Every step that would hand over data or a credential is refused.
"""

import re
from pathlib import Path

from django.test import override_settings

from dangjian.accounts import permissions, services
from dangjian.accounts.models import ADMIN_ROLES, CredentialIssue, Role, RoleAssignment, User
from dangjian.core.models import AuditEntry
from dangjian.core.testing import PASSWORD, BaseTestCase, MemberFactory

from .helpers import log_in

README = Path(__file__).resolve().parents[3] / "README.md"
SECADMIN_GRANTS = override_settings(DANGJIAN={"accounts": {"secadmin_grants_roles": True}})


class AdministratorChainsTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.person = MemberFactory(name="王建军", org=self.w.branch_a2)
        self.admins = (self.w.sysadmin, self.w.secadmin, self.w.auditor)

    def assertNoPersonalData(self, response):
        for person in (self.person, self.w.person_a, self.w.person_b):
            self.assertNotContains(response, person.id_number, status_code=response.status_code)
            self.assertNotContains(response, person.phone, status_code=response.status_code)

    def test_no_administrator_reaches_the_roster_directly(self):
        for admin in self.admins:
            self.login_as(admin)
            for path in (
                "/members/",
                "/members/export.xlsx",
                f"/members/{self.w.person_a.pk}/",
                "/api/v1/members",
                f"/api/v1/members/{self.w.person_a.pk}",
            ):
                response = self.client.get(path)
                self.assertIn(response.status_code, (401, 403, 404), f"{admin} {path}")
                self.assertNoPersonalData(response)
            response = self.client.post(f"/members/{self.w.person_a.pk}/reveal/")
            self.assertEqual(response.status_code, 404, admin)
        self.assertFalse(AuditEntry.objects.filter(event="reveal").exists())

    def test_the_system_administrator_cannot_grant_a_business_role_to_any_account(self):
        self.login_as(self.w.sysadmin)
        for role in (Role.COMMITTEE_STAFF, Role.ORG_ADMIN, Role.EDITOR, Role.REVIEWER, Role.MEMBER):
            for username in ("outsider", "member"):
                response = self.client.post("/accounts/roles/grant/", {"username": username, "role": role, "org": "GW"})
                self.assertEqual(response.status_code, 404)
            with self.assertRaises(services.AccountError):
                services.role_grant(by=self.w.sysadmin, user=self.w.outsider, role=role, org=self.w.committee)
        self.assertFalse(RoleAssignment.objects.filter(user__in=[self.w.outsider, self.w.member]).exists())
        self.assertTrue(AuditEntry.objects.filter(event="denied", actor=self.w.sysadmin).exists())

    def test_an_account_the_system_administrator_creates_has_no_password_they_could_use(self):
        self.login_as(self.w.sysadmin)
        response = self.client.post("/accounts/users/new/", {"person": self.person.pk, "username": "wangjj"})
        self.assertContains(response, "账号已建立")
        self.assertNotIn("password", response.context)
        account = User.objects.get(username="wangjj")
        self.assertFalse(account.has_usable_password())
        self.client.logout()
        for guess in (PASSWORD, "", "wangjj"):
            self.assertEqual(log_in(self.client, "wangjj", guess).status_code, 200)  # the form again
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_reset_of_a_business_account_gives_the_system_administrator_nothing(self):
        self.login_as(self.w.sysadmin)
        for account in (self.w.staff, self.w.admin_a, self.w.member, self.w.outsider):
            response = self.client.post(f"/accounts/users/{account.pk}/password-reset/")
            self.assertContains(response, "密码已重置")
            self.assertNotIn("password", response.context)
            self.assertNoPersonalData(response)
            account.refresh_from_db()
            self.assertFalse(account.has_usable_password(), account)

    def test_no_administrator_confirms_a_credential(self):
        issue = services.password_reset(by=self.w.sysadmin, account=self.w.staff)
        for admin in self.admins:
            self.login_as(admin)
            self.assertEqual(self.client.get("/accounts/credentials/").status_code, 404)
            self.assertEqual(self.client.post(f"/accounts/credentials/{issue.pk}/confirm/").status_code, 404)
            with self.assertRaises(services.AccountError):
                services.credential_confirm(by=admin, issue=issue)
        issue.refresh_from_db()
        self.assertEqual(issue.status, CredentialIssue.Status.PENDING)
        self.w.staff.refresh_from_db()
        self.assertFalse(self.w.staff.has_usable_password())

    @SECADMIN_GRANTS
    def test_nor_a_security_administrator_who_may_grant(self):
        issue = services.password_reset(by=self.w.sysadmin, account=self.w.member)
        self.assertFalse(permissions.may_confirm_credential(self.w.secadmin, self.w.member))
        with self.assertRaises(services.AccountError):
            services.credential_confirm(by=self.w.secadmin, issue=issue)

    def test_the_security_and_audit_administrators_create_reset_and_grant_nothing(self):
        for admin in (self.w.secadmin, self.w.auditor):
            self.login_as(admin)
            self.assertEqual(
                self.client.post("/accounts/users/new/", {"person": self.person.pk, "username": "x"}).status_code, 404
            )
            self.assertEqual(self.client.post(f"/accounts/users/{self.w.staff.pk}/password-reset/").status_code, 404)
            self.assertEqual(
                self.client.post(
                    "/accounts/roles/grant/", {"username": "outsider", "role": Role.COMMITTEE_STAFF, "org": "GW"}
                ).status_code,
                404,
            )
        self.assertFalse(User.objects.filter(username="x").exists())
        self.assertFalse(RoleAssignment.objects.filter(user=self.w.outsider).exists())

    @SECADMIN_GRANTS
    def test_a_security_administrator_who_may_grant_gives_no_administrator_a_business_role(self):
        for admin in self.admins:
            with self.assertRaises(services.AccountError):
                services.role_grant(by=self.w.secadmin, user=admin, role=Role.COMMITTEE_STAFF, org=self.w.committee)
        self.assertFalse(RoleAssignment.objects.filter(user__in=self.admins).exclude(role__in=ADMIN_ROLES).exists())

    def test_the_audit_trail_the_auditor_reads_holds_no_unmasked_number(self):
        self.login_as(self.w.admin_a)
        self.client.post(f"/members/{self.w.person_a.pk}/reveal/")
        self.client.post(f"/members/{self.w.person_a.pk}/edit/", {"phone": "13912345678"})
        self.login_as(self.w.auditor)
        for path in ("/audit/", "/audit/?q=reveal"):
            self.assertNoPersonalData(self.client.get(path))
        self.assertFalse(AuditEntry.objects.filter(changes__icontains=self.w.person_a.id_number).exists())


class OwnerConfirmationTests(BaseTestCase):
    def issue_for(self, account):
        return services.password_reset(by=self.w.sysadmin, account=account)

    def test_the_organization_administrator_of_the_person_confirms(self):
        issue = self.issue_for(self.w.member)
        self.login_as(self.w.admin_b)  # not the member's organization
        self.assertEqual(self.client.post(f"/accounts/credentials/{issue.pk}/confirm/").status_code, 404)
        self.assertNotContains(self.client.get("/accounts/credentials/"), "<td>member</td>")
        self.login_as(self.w.admin_a)
        self.assertContains(self.client.get("/accounts/credentials/"), "<td>member</td>")
        response = self.client.post(f"/accounts/credentials/{issue.pk}/confirm/")
        self.assertTrue(User.objects.get(pk=self.w.member.pk).check_password(response.context["password"]))

    def test_an_account_holding_more_than_the_confirmer_may_grant_waits_for_someone_above(self):
        issue = self.issue_for(self.w.staff)  # committee staff at the root
        self.assertFalse(permissions.may_confirm_credential(self.w.admin_a, self.w.staff))
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.post(f"/accounts/credentials/{issue.pk}/confirm/").status_code, 404)
        other_staff = User.objects.create_user("staff2", password=PASSWORD)
        RoleAssignment.objects.create(user=other_staff, role=Role.COMMITTEE_STAFF, org=self.w.committee)
        self.assertTrue(permissions.may_confirm_credential(other_staff, self.w.staff))
        self.assertFalse(permissions.may_confirm_credential(self.w.staff, self.w.staff))  # never oneself

    def test_a_later_reset_cancels_the_one_still_waiting(self):
        first = self.issue_for(self.w.member)
        second = self.issue_for(self.w.member)
        first.refresh_from_db()
        self.assertEqual(first.status, CredentialIssue.Status.CANCELLED)
        with self.assertRaisesMessage(services.AccountError, "已处理"):
            services.credential_confirm(by=self.w.admin_a, issue=first)
        services.credential_confirm(by=self.w.admin_a, issue=second)


class GrantTableTests(BaseTestCase):
    def test_the_readme_prints_exactly_the_grant_table_of_the_code(self):
        text = README.read_text(encoding="utf-8")
        section = text[text.index("### Who may grant which role") :]
        table: dict[str, set[str]] = {}
        for line in section.splitlines()[1:]:
            if line.startswith("### ") or line.startswith("## "):
                break
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == 2 and cells[0].startswith("`"):
                table[cells[0].strip("`")] = set(re.findall(r"`([a-z_]+)`", cells[1]))
        self.assertEqual(table, {granter: set(grants) for granter, grants in permissions.GRANTS.items()})

    def test_each_web_granter_grants_exactly_its_row(self):
        holders = {
            Role.COMMITTEE_STAFF: self.w.staff,
            Role.ORG_ADMIN: self.w.admin_a,
            Role.SYSADMIN: self.w.sysadmin,
            Role.AUDITOR: self.w.auditor,
            Role.SECADMIN: self.w.secadmin,
        }
        for granter, holder in holders.items():
            org = self.w.committee if granter != Role.ORG_ADMIN else self.w.org_a
            expected = set(permissions.GRANTS[granter]) if granter != Role.SECADMIN else set()
            for role in Role.values:
                self.assertEqual(permissions.can_grant(holder, role, org.path), role in expected, (granter, role))
        with SECADMIN_GRANTS:
            self.assertEqual(
                {r for r in Role.values if permissions.can_grant(self.w.secadmin, r, self.w.committee.path)},
                set(permissions.GRANTS[Role.SECADMIN]),
            )

    @SECADMIN_GRANTS
    def test_a_security_administrator_grants_where_the_deployment_says_so(self):
        self.login_as(self.w.secadmin)
        self.client.post("/accounts/roles/grant/", {"username": "member", "role": Role.EDITOR, "org": "A01"})
        self.assertTrue(RoleAssignment.objects.filter(user=self.w.member, role=Role.EDITOR).exists())
