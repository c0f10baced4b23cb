"""Five failed logins lock the account for 30 minutes; the security administrator can unlock it."""

import datetime as dt

from axes.models import AccessAttempt
from django.test import override_settings

from dangjian.accounts import lockout
from dangjian.core.models import AuditEntry
from dangjian.core.testing import PASSWORD, BaseTestCase

from .helpers import log_in, set_policy


class LockoutTests(BaseTestCase):
    def fail_logins(self, times: int, username: str = "staff", address: str = "10.1.2.3"):
        response = None
        for _ in range(times):
            response = log_in(self.client, username, "wrong-password", address)
        return response

    def test_it_records_each_failure_with_the_source_address(self):
        self.fail_logins(2, address="192.168.9.7")
        entries = AuditEntry.objects.filter(event="login_failed")
        self.assertEqual(entries.count(), 2)
        self.assertEqual({e.remote_addr for e in entries}, {"192.168.9.7"})

    def test_four_failures_do_not_lock(self):
        self.fail_logins(4)
        self.assertRedirects(log_in(self.client, "staff"), "/", fetch_redirect_response=False)

    def test_the_fifth_failure_locks_the_account_and_says_so(self):
        response = self.fail_logins(5)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "账号已被锁定 30 分钟", status_code=429)
        entry = AuditEntry.objects.get(event="locked")
        self.assertEqual(entry.object_repr, "staff")
        self.assertEqual(entry.object_pk, str(self.w.staff.pk))
        self.assertEqual(entry.remote_addr, "10.1.2.3")
        self.assertEqual(entry.additional_data["failures"], 5)

    def test_a_locked_account_is_refused_even_with_the_right_password(self):
        self.fail_logins(5)
        response = log_in(self.client, "staff", PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        # Further attempts during the lock neither extend it nor record a second lock.
        self.assertEqual(AuditEntry.objects.filter(event="locked").count(), 1)

    def test_the_lock_is_per_username_and_address(self):
        for _ in range(5):
            log_in(self.client, "staff", "wrong", address="10.0.0.1")
        self.assertEqual(log_in(self.client, "staff", PASSWORD, address="10.0.0.1").status_code, 429)
        # An outsider failing from their own address does not lock the owner out elsewhere.
        self.assertEqual(log_in(self.client, "staff", PASSWORD, address="10.9.9.9").status_code, 302)
        self.client.logout()
        # Another account from the same addresses is not affected.
        self.assertEqual(log_in(self.client, "admin_a", PASSWORD, address="10.0.0.1").status_code, 302)

    def test_the_lock_ends_after_30_minutes(self):
        self.fail_logins(5)
        AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - dt.timedelta(minutes=31))
        self.assertEqual(log_in(self.client, "staff", PASSWORD).status_code, 302)

    def test_the_lock_still_holds_after_29_minutes(self):
        self.fail_logins(5)
        AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - dt.timedelta(minutes=29))
        self.assertEqual(log_in(self.client, "staff", PASSWORD).status_code, 429)

    def test_a_successful_login_resets_the_count(self):
        self.fail_logins(4)
        log_in(self.client, "staff", PASSWORD)
        self.client.logout()
        self.fail_logins(4)
        self.assertEqual(log_in(self.client, "staff", PASSWORD).status_code, 302)

    def test_the_numbers_come_from_the_security_policy(self):
        set_policy(lockout_failures=3, lockout_minutes=60)
        response = self.fail_logins(3)
        self.assertContains(response, "锁定 60 分钟", status_code=429)


class UnlockTests(BaseTestCase):
    def lock(self, username: str = "staff") -> None:
        for _ in range(5):
            log_in(self.client, username, "wrong")

    def test_the_security_administrator_sees_locked_accounts_with_addresses(self):
        self.lock()
        self.login_as(self.w.secadmin)
        response = self.client.get("/accounts/security/lockouts/")
        self.assertContains(response, "staff")
        self.assertContains(response, "10.1.2.3")
        self.assertContains(response, "锁定至")

    def test_the_security_administrator_unlocks_and_it_is_recorded(self):
        self.lock()
        self.login_as(self.w.secadmin)
        response = self.client.post("/accounts/security/unlock/", {"username": "staff"}, REMOTE_ADDR="10.7.7.7")
        self.assertRedirects(response, "/accounts/security/lockouts/", fetch_redirect_response=False)
        entry = AuditEntry.objects.get(event="unlocked")
        self.assertEqual(entry.actor, self.w.secadmin)
        self.assertEqual(entry.object_pk, str(self.w.staff.pk))
        self.assertEqual(entry.remote_addr, "10.7.7.7")
        self.assertTrue(entry.additional_data["was_locked"])
        self.client.logout()
        self.assertEqual(log_in(self.client, "staff", PASSWORD).status_code, 302)

    def test_nobody_else_can_unlock(self):
        self.lock("member")
        for user in (self.w.sysadmin, self.w.auditor, self.w.staff, self.w.admin_a):
            self.login_as(user)
            self.assertEqual(self.client.post("/accounts/security/unlock/", {"username": "member"}).status_code, 404)
        self.client.logout()
        self.assertEqual(log_in(self.client, "member", PASSWORD).status_code, 429)
        self.assertFalse(AuditEntry.objects.filter(event="unlocked").exists())


class ConsoleUnlockTests(BaseTestCase):
    def test_the_security_administrator_locked_out_is_unlocked_at_the_console(self):
        import io

        from django.core.management import call_command

        for _ in range(5):
            log_in(self.client, "secadmin", "wrong")
        self.assertEqual(log_in(self.client, "secadmin", PASSWORD).status_code, 429)
        out = io.StringIO()
        call_command("unlock_account", "secadmin", stdout=out)
        self.assertIn("已解除锁定", out.getvalue())
        entry = AuditEntry.objects.get(event="unlocked")
        self.assertIsNone(entry.actor)
        self.assertEqual(entry.object_pk, str(self.w.secadmin.pk))
        self.assertEqual(entry.additional_data["via"], "console")
        self.assertRedirects(log_in(self.client, "secadmin", PASSWORD), "/", fetch_redirect_response=False)

    def test_an_unknown_account_is_refused(self):
        from django.core.management import call_command
        from django.core.management.base import CommandError

        with self.assertRaisesMessage(CommandError, "没有用户名"):
            call_command("unlock_account", "nobody")
        self.assertFalse(AuditEntry.objects.filter(event="unlocked").exists())


@override_settings(AXES_LOCKOUT_PARAMETERS=lockout.LOCKOUT_PARAMETERS)
class PerAddressLockoutTests(BaseTestCase):
    """Issue 10 §4, with the setting the README asks for: an outsider's failures lock only their own address."""

    def test_five_failures_from_one_address_do_not_lock_the_owner_elsewhere(self):
        for _ in range(5):
            log_in(self.client, "secadmin", "wrong", address="203.0.113.9")
        self.assertEqual(log_in(self.client, "secadmin", PASSWORD, address="203.0.113.9").status_code, 429)
        self.client.logout()
        self.assertEqual(log_in(self.client, "secadmin", PASSWORD, address="10.1.2.3").status_code, 302)

    def test_the_lockouts_page_shows_the_address_locked(self):
        for _ in range(5):
            log_in(self.client, "staff", "wrong", address="203.0.113.9")
        log_in(self.client, "admin_a", "wrong", address="10.1.1.1")
        self.assertTrue(lockout.is_locked("staff"))
        self.assertFalse(lockout.is_locked("admin_a"))
        self.login_as(self.w.secadmin)
        self.assertContains(self.client.get("/accounts/security/lockouts/"), "203.0.113.9")
