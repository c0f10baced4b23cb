"""The security administrator sets the policy; every change is in the audit trail."""

from dangjian.accounts.models import Role, SecurityPolicy
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase

DEFAULTS = {
    "password_min_length": 8,
    "password_min_classes": 3,
    "password_history": 5,
    "password_max_age_days": 90,
    "lockout_failures": 5,
    "lockout_minutes": 30,
    "idle_minutes": 30,
}


class PolicyTests(BaseTestCase):
    def post(self, **changes):
        data = {**DEFAULTS, **changes}
        return self.client.post("/accounts/security/", data)

    def test_the_defaults_are_the_level_3_baseline(self):
        policy = SecurityPolicy.load()
        for name, value in DEFAULTS.items():
            self.assertEqual(getattr(policy, name), value, name)
        self.assertEqual(policy.otp_required_roles, [])

    def test_the_security_administrator_changes_it_and_the_trail_shows_from_what_to_what(self):
        self.login_as(self.w.secadmin)
        response = self.client.post(
            "/accounts/security/",
            {**DEFAULTS, "idle_minutes": 15, "password_min_length": 10, "otp_required_roles": [Role.ORG_ADMIN]},
            REMOTE_ADDR="10.6.6.6",
        )
        self.assertRedirects(response, "/accounts/security/", fetch_redirect_response=False)
        policy = SecurityPolicy.load()
        self.assertEqual((policy.idle_minutes, policy.password_min_length), (15, 10))
        self.assertEqual(policy.otp_required_roles, [Role.ORG_ADMIN])
        entry = AuditEntry.objects.get(event="policy_changed")
        self.assertEqual(entry.actor, self.w.secadmin)
        self.assertEqual(entry.remote_addr, "10.6.6.6")
        self.assertEqual(entry.additional_data["changes"]["idle_minutes"], [30, 15])
        self.assertEqual(entry.additional_data["changes"]["otp_required_roles"], [[], ["org_admin"]])

    def test_it_cannot_go_below_the_baseline(self):
        self.login_as(self.w.secadmin)
        response = self.client.post(
            "/accounts/security/", {**DEFAULTS, "password_min_length": 6, "lockout_failures": 20}
        )
        self.assertContains(response, "不能小于 8")
        self.assertContains(response, "不能大于 10")
        self.assertEqual(SecurityPolicy.load().password_min_length, 8)
        self.assertFalse(AuditEntry.objects.filter(event="policy_changed").exists())

    def test_saving_without_a_change_records_nothing(self):
        self.login_as(self.w.secadmin)
        self.client.post("/accounts/security/", DEFAULTS)
        self.assertFalse(AuditEntry.objects.filter(event="policy_changed").exists())

    def test_nobody_else_sees_or_changes_it(self):
        for user in (self.w.sysadmin, self.w.auditor, self.w.staff, self.w.admin_a, self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertEqual(self.client.get("/accounts/security/").status_code, 404)
            self.assertEqual(
                self.client.post("/accounts/security/", {**DEFAULTS, "idle_minutes": 120}).status_code, 404
            )
        self.assertEqual(SecurityPolicy.load().idle_minutes, 30)

    def test_the_security_administrator_reads_no_audit_log_and_manages_no_account(self):
        self.login_as(self.w.secadmin)
        for path in ("/audit/", "/accounts/users/", "/accounts/roles/", "/members/"):
            self.assertEqual(self.client.get(path).status_code, 404, path)

    def test_the_home_page_leads_to_the_policy(self):
        self.login_as(self.w.secadmin)
        self.assertRedirects(self.client.get("/"), "/accounts/security/", fetch_redirect_response=False)
        self.assertContains(self.client.get("/accounts/security/"), "安全策略")
