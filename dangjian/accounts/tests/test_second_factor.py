"""One-time passwords (TOTP): the security administrator requires them for chosen roles."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from dangjian.accounts.models import Role
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase

from .helpers import code_for, log_in, set_policy


class NotRequiredTests(BaseTestCase):
    def test_by_default_nobody_is_asked_for_a_code(self):
        log_in(self.client, "admin_a")
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)

    def test_anyone_may_enrol_of_their_own_accord(self):
        self.login_as(self.w.staff)
        response = self.client.get("/accounts/otp/")
        self.assertContains(response, "<svg")  # the QR code, drawn here
        self.assertNotContains(response, "http://")
        self.assertNotContains(response, "https://")
        device = TOTPDevice.objects.get(user=self.w.staff)
        self.assertFalse(device.confirmed)
        self.client.post("/accounts/otp/", {"token": code_for(device)})
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assertEqual(AuditEntry.objects.get(event="otp_enrolled").actor, self.w.staff)


class RequiredTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        set_policy(otp_required_roles=[Role.ORG_ADMIN])

    def enrol(self, user):
        device = TOTPDevice.objects.create(user=user, name="动态口令", confirmed=True)
        return device

    def test_a_role_without_a_device_must_enrol_before_anything_else(self):
        log_in(self.client, "admin_a")
        response = self.client.get("/dashboard/")
        self.assertRedirects(response, "/accounts/otp/?next=%2Fdashboard%2F", fetch_redirect_response=False)
        page = self.client.get("/accounts/otp/?next=/dashboard/")
        self.assertContains(page, "要求您的角色在登录时使用动态口令")
        device = TOTPDevice.objects.get(user=self.w.admin_a)
        response = self.client.post("/accounts/otp/", {"token": code_for(device), "next": "/dashboard/"})
        self.assertRedirects(response, "/dashboard/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)

    def test_a_wrong_code_does_not_enrol(self):
        log_in(self.client, "admin_a")
        self.client.get("/accounts/otp/")
        device = TOTPDevice.objects.get(user=self.w.admin_a)
        wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
        response = self.client.post("/accounts/otp/", {"token": wrong})
        self.assertContains(response, "动态口令不正确")
        self.assertFalse(TOTPDevice.objects.get(user=self.w.admin_a).confirmed)
        self.assertEqual(self.client.get("/dashboard/").status_code, 302)
        self.assertTrue(AuditEntry.objects.filter(event="otp_failed", actor=self.w.admin_a).exists())

    def test_with_a_device_the_login_asks_for_the_code(self):
        device = self.enrol(self.w.admin_a)
        log_in(self.client, "admin_a")
        self.assertRedirects(
            self.client.get("/orgs/"), "/accounts/otp/verify/?next=%2Forgs%2F", fetch_redirect_response=False
        )
        response = self.client.post("/accounts/otp/verify/", {"token": code_for(device), "next": "/orgs/"})
        self.assertRedirects(response, "/orgs/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/orgs/").status_code, 200)
        self.assertTrue(AuditEntry.objects.filter(event="otp_verified", actor=self.w.admin_a).exists())

    def test_a_wrong_code_keeps_the_door_shut_and_is_recorded(self):
        device = self.enrol(self.w.admin_a)
        log_in(self.client, "admin_a")
        wrong = f"{(int(code_for(device)) + 5) % 1_000_000:06d}"
        response = self.client.post("/accounts/otp/verify/", {"token": wrong}, REMOTE_ADDR="10.4.4.4")
        self.assertContains(response, "动态口令不正确")
        self.assertEqual(self.client.get("/orgs/").status_code, 302)
        entry = AuditEntry.objects.get(event="otp_failed")
        self.assertEqual(entry.remote_addr, "10.4.4.4")

    def test_the_password_alone_cannot_enrol_a_new_phone(self):
        self.enrol(self.w.admin_a)
        log_in(self.client, "admin_a")
        self.assertRedirects(self.client.get("/accounts/otp/"), "/accounts/otp/verify/", fetch_redirect_response=False)
        self.assertEqual(TOTPDevice.objects.filter(user=self.w.admin_a).count(), 1)

    def test_roles_not_chosen_are_not_asked(self):
        self.enrol(self.w.staff)
        log_in(self.client, "staff")
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)

    def test_the_api_refuses_an_unverified_session(self):
        self.enrol(self.w.admin_a)
        log_in(self.client, "admin_a")
        response = self.client.get("/api/v1/orgs")
        self.assertEqual(response.status_code, 403)
        self.assertIn("动态口令", response.json()["detail"])

    def test_the_security_administrator_resets_a_lost_phone(self):
        self.enrol(self.w.admin_a)
        self.login_as(self.w.secadmin)
        response = self.client.post("/accounts/security/otp-reset/", {"username": "admin_a"})
        self.assertRedirects(response, "/accounts/security/lockouts/", fetch_redirect_response=False)
        self.assertFalse(TOTPDevice.objects.filter(user=self.w.admin_a).exists())
        entry = AuditEntry.objects.get(event="otp_reset")
        self.assertEqual((entry.actor, entry.object_pk), (self.w.secadmin, str(self.w.admin_a.pk)))

    def test_only_the_security_administrator_resets(self):
        self.enrol(self.w.admin_a)
        for user in (self.w.sysadmin, self.w.auditor, self.w.staff):
            self.login_as(user)
            self.assertEqual(
                self.client.post("/accounts/security/otp-reset/", {"username": "admin_a"}).status_code, 404
            )
        self.assertTrue(TOTPDevice.objects.filter(user=self.w.admin_a).exists())
