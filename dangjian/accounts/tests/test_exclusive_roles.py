"""三员分立: the three administrator roles are mutually exclusive, and exclude every other role."""

from django.core.management import call_command
from django.core.management.base import CommandError

from dangjian.accounts import services
from dangjian.accounts.models import Role, RoleAssignment
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase


class ExclusiveRoleTests(BaseTestCase):
    def test_an_administrator_cannot_take_a_second_administrator_role(self):
        for holder, other in (
            (self.w.sysadmin, Role.AUDITOR),
            (self.w.auditor, Role.SECADMIN),
            (self.w.secadmin, Role.SYSADMIN),
        ):
            with self.assertRaisesMessage(services.AccountError, "不能兼任其他角色"):
                services.role_grant(by=None, user=holder, role=other, org=self.w.committee)
            self.assertFalse(RoleAssignment.objects.filter(user=holder, role=other).exists())

    def test_an_administrator_takes_no_domain_role(self):
        with self.assertRaisesMessage(services.AccountError, "三员账号不能兼任其他角色"):
            services.role_grant(by=self.w.staff, user=self.w.auditor, role=Role.ORG_ADMIN, org=self.w.org_a)

    def test_a_domain_role_holder_cannot_become_an_administrator(self):
        with self.assertRaisesMessage(services.AccountError, "不能兼任其他角色"):
            services.role_grant(by=None, user=self.w.staff, role=Role.AUDITOR, org=self.w.committee)

    def test_the_same_administrator_role_at_another_organization_is_fine(self):
        services.role_grant(by=None, user=self.w.auditor, role=Role.AUDITOR, org=self.w.org_a)
        self.assertEqual(RoleAssignment.objects.filter(user=self.w.auditor).count(), 2)

    def test_the_web_never_grants_an_administrator_role_even_through_the_service(self):
        with self.assertRaisesMessage(services.AccountError, "只能在服务器上"):
            services.role_grant(by=self.w.sysadmin, user=self.w.outsider, role=Role.AUDITOR, org=self.w.committee)


class AdminRoleCommandTests(BaseTestCase):
    def test_the_console_grants_an_administrator_role_and_it_is_recorded(self):
        call_command("admin_role", "grant", "outsider", "auditor", "GW", stdout=open("/dev/null", "w"))
        self.assertTrue(RoleAssignment.objects.filter(user=self.w.outsider, role=Role.AUDITOR).exists())
        entry = AuditEntry.objects.filter(event="role_granted").latest("pk")
        self.assertIsNone(entry.actor)
        self.assertEqual(entry.additional_data["role"], "auditor")

    def test_the_console_refuses_a_second_administrator_role(self):
        with self.assertRaisesMessage(CommandError, "不能兼任其他角色"):
            call_command("admin_role", "grant", "sysadmin", "auditor", "GW")

    def test_the_console_creates_an_administrator_account_with_a_password_to_change(self):
        import io

        out = io.StringIO()
        call_command("admin_role", "grant", "shenji", "auditor", "GW", "--create", stdout=out)
        self.assertIn("初始密码", out.getvalue())
        account = RoleAssignment.objects.get(role=Role.AUDITOR, user__username="shenji").user
        self.assertTrue(account.must_change_password)

    def test_the_console_revokes(self):
        call_command("admin_role", "revoke", "auditor", "auditor", "GW", stdout=open("/dev/null", "w"))
        self.assertFalse(RoleAssignment.objects.filter(user=self.w.auditor).exists())
        self.assertTrue(AuditEntry.objects.filter(event="role_revoked").exists())
