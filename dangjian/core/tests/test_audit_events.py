"""Every kind of action leaves an entry with who, from which address and what (issue 3 §3)."""

import time

from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangjian.accounts.middleware import LAST_SEEN_KEY
from dangjian.accounts.models import Role, RoleAssignment
from dangjian.accounts.tests.helpers import code_for, log_in
from dangjian.core import audit
from dangjian.core.models import AuditEntry
from dangjian.core.testing import PASSWORD, BaseTestCase
from dangjian.people.models import Post, PostTitle

ADDRESS = "10.20.30.40"


class AuditEventTests(BaseTestCase):
    def assertRecorded(self, event, actor=None, address=ADDRESS) -> AuditEntry:
        entry = AuditEntry.objects.filter(event=event).order_by("-pk").first()
        self.assertIsNotNone(entry, f"no '{event}' entry")
        if actor is not None:
            self.assertEqual(entry.actor, actor, event)
        if address is not None:
            self.assertEqual(entry.remote_addr, address, event)
        return entry

    def test_logins_failures_locks_unlocks_and_logouts(self):
        log_in(self.client, "staff", PASSWORD, ADDRESS)
        self.assertRecorded("login", self.w.staff)
        self.client.post("/accounts/logout/", REMOTE_ADDR=ADDRESS)
        self.assertRecorded("logout", self.w.staff)
        for _ in range(5):
            log_in(self.client, "member", "wrong", ADDRESS)
        self.assertRecorded("login_failed")
        self.assertRecorded("locked")
        self.login_as(self.w.secadmin)
        self.client.post("/accounts/security/unlock/", {"username": "member"}, REMOTE_ADDR=ADDRESS)
        self.assertRecorded("unlocked", self.w.secadmin)

    def test_idle_sessions_ending(self):
        self.login_as(self.w.staff)
        session = self.client.session
        session[LAST_SEEN_KEY] = time.time() - 3600
        session.save()
        self.client.get("/dashboard/", REMOTE_ADDR=ADDRESS)
        self.assertRecorded("session_expired", self.w.staff)

    def test_permission_denials(self):
        self.login_as(self.w.outsider)
        self.client.get("/orgs/A01/", REMOTE_ADDR=ADDRESS)
        self.assertRecorded("denied", self.w.outsider)

    def test_exports_and_reveals_of_personal_data(self):
        self.login_as(self.w.staff)
        self.client.get("/members/export.xlsx", REMOTE_ADDR=ADDRESS)
        self.assertRecorded("export", self.w.staff)
        self.client.post(f"/members/{self.w.person_a.pk}/reveal/", REMOTE_ADDR=ADDRESS)
        self.assertRecorded("reveal", self.w.staff)

    def test_role_changes_with_who_and_where(self):
        self.login_as(self.w.admin_a)
        self.client.post(
            "/accounts/roles/grant/", {"username": "member", "role": Role.EDITOR, "org": "A01"}, REMOTE_ADDR=ADDRESS
        )
        granted = self.assertRecorded("role_granted", self.w.admin_a)
        self.assertEqual((granted.additional_data["account"], granted.org_id), ("member", self.w.branch_a1.pk))
        assignment = RoleAssignment.objects.get(user=self.w.member, role=Role.EDITOR)
        self.client.post(f"/accounts/roles/{assignment.pk}/revoke/", REMOTE_ADDR=ADDRESS)
        self.assertRecorded("role_revoked", self.w.admin_a)

    def test_password_changes_and_resets(self):
        self.login_as(self.w.staff)
        new = "Hongqi#2027x"
        self.client.post(
            "/accounts/password/",
            {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
            REMOTE_ADDR=ADDRESS,
        )
        self.assertRecorded("password_changed", self.w.staff)
        self.login_as(self.w.sysadmin)
        self.client.post(f"/accounts/users/{self.w.member.pk}/password-reset/", REMOTE_ADDR=ADDRESS)
        self.assertRecorded("password_reset", self.w.sysadmin)

    def test_second_factor_enrolment(self):
        self.login_as(self.w.staff)
        self.client.get("/accounts/otp/")
        device = TOTPDevice.objects.get(user=self.w.staff)
        self.client.post("/accounts/otp/", {"token": code_for(device)}, REMOTE_ADDR=ADDRESS)
        self.assertRecorded("otp_enrolled", self.w.staff)

    def test_policy_changes(self):
        self.login_as(self.w.secadmin)
        data = {
            "password_min_length": 8,
            "password_min_classes": 3,
            "password_history": 5,
            "password_max_age_days": 60,
            "lockout_failures": 5,
            "lockout_minutes": 30,
            "idle_minutes": 30,
        }
        self.client.post("/accounts/security/", data, REMOTE_ADDR=ADDRESS)
        self.assertRecorded("policy_changed", self.w.secadmin)

    def test_create_update_and_delete_of_domain_records_with_changes(self):
        with audit.acting_as(self.w.admin_a, ADDRESS):
            post = Post.objects.create(
                member=self.w.person_a, org=self.w.branch_a1, title=PostTitle.SECRETARY, started_on="2025-01-01"
            )
            post.ended_on = "2025-06-30"
            post.save()
            post.delete()
        created = self.assertRecorded("create", self.w.admin_a)
        updated = self.assertRecorded("update", self.w.admin_a)
        self.assertEqual(updated.changes["ended_on"], ["None", "2025-06-30"])
        self.assertEqual(updated.org_id, self.w.branch_a1.pk)
        self.assertRecorded("delete", self.w.admin_a)
        self.assertEqual(created.object_repr, "张建国 · 书记")

    def test_personal_data_is_masked_in_the_changes(self):
        member = self.w.person_a
        with audit.acting_as(self.w.admin_a, ADDRESS):
            member.phone = "13812345678"
            member.save()
        entry = self.assertRecorded("update", self.w.admin_a)
        self.assertNotIn("13812345678", str(entry.changes))
        self.assertIn("138****5678", str(entry.changes))

    def test_pruning(self):
        call_command("prune_audit", stdout=open("/dev/null", "w"))
        self.assertRecorded("audit_pruned", address=None)


class ClientAddressTests(BaseTestCase):
    def grant_with(self, **headers):
        self.login_as(self.w.admin_a)
        self.client.post("/accounts/roles/grant/", {"username": "member", "role": Role.EDITOR, "org": "A01"}, **headers)
        return AuditEntry.objects.filter(event="role_granted").latest("pk")

    def test_a_forged_forwarded_for_header_does_not_change_the_recorded_address(self):
        entry = self.grant_with(REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR="1.2.3.4")
        self.assertEqual(entry.remote_addr, ADDRESS)

    def test_behind_our_proxy_the_address_it_appended_is_recorded(self):
        with self.settings(TRUSTED_PROXY_COUNT=1):
            entry = self.grant_with(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ADDRESS}")
        self.assertEqual(entry.remote_addr, ADDRESS)
