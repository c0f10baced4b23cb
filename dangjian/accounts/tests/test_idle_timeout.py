"""An idle session ends after 30 minutes (configurable by the security administrator)."""

import time

from django.conf import settings

from dangjian.accounts.middleware import LAST_SEEN_KEY, LOGGED_IN_KEY
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase

from .helpers import set_policy


class IdleTimeoutTests(BaseTestCase):
    def idle_for(self, minutes: float) -> None:
        session = self.client.session
        session[LAST_SEEN_KEY] = time.time() - minutes * 60
        session.save()

    def test_a_session_used_within_30_minutes_goes_on(self):
        self.login_as(self.w.staff)
        self.client.get("/dashboard/")
        self.idle_for(29)
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)

    def test_a_session_idle_for_31_minutes_is_ended_and_recorded(self):
        self.login_as(self.w.staff)
        self.client.get("/dashboard/")
        self.idle_for(31)
        response = self.client.get("/dashboard/", REMOTE_ADDR="10.3.3.3")
        self.assertRedirects(response, "/accounts/login/?next=%2Fdashboard%2F", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)
        entry = AuditEntry.objects.get(event="session_expired")
        self.assertEqual(entry.actor, self.w.staff)
        self.assertEqual(entry.remote_addr, "10.3.3.3")
        self.assertContains(self.client.get("/accounts/login/"), "超过 30 分钟未操作")

    def test_the_minutes_follow_the_policy(self):
        set_policy(idle_minutes=10)
        self.login_as(self.w.staff)
        self.client.get("/dashboard/")
        self.idle_for(11)
        self.assertEqual(self.client.get("/dashboard/").status_code, 302)

    def test_the_server_side_session_expires_with_the_idle_time(self):
        self.login_as(self.w.staff)
        self.client.get("/dashboard/")
        self.assertEqual(self.client.session.get_expiry_age(), 30 * 60)

    def test_htmx_requests_are_sent_to_the_login_page_as_a_whole(self):
        self.login_as(self.w.staff)
        self.client.get("/dashboard/")
        self.idle_for(31)
        response = self.client.get("/members/", HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response["HX-Redirect"], "/accounts/login/")


class AbsoluteLimitTests(BaseTestCase):
    """However busy, a session ends SESSION_MAX_HOURS after its login (the README's absolute limit)."""

    def logged_in_ago(self, seconds: float) -> None:
        session = self.client.session
        session[LOGGED_IN_KEY] = time.time() - seconds
        session.save()

    def test_an_active_session_past_the_limit_is_ended_and_recorded(self):
        self.login_as(self.w.staff)
        self.client.get("/dashboard/")
        self.logged_in_ago(settings.SESSION_COOKIE_AGE + 60)
        response = self.client.get("/dashboard/")
        self.assertRedirects(response, "/accounts/login/?next=%2Fdashboard%2F", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(AuditEntry.objects.filter(event="session_expired").count(), 1)
        hours = settings.SESSION_COOKIE_AGE // 3600
        self.assertContains(self.client.get("/accounts/login/"), f"本次登录已超过 {hours} 小时")

    def test_the_server_side_expiry_never_passes_the_limit(self):
        self.login_as(self.w.staff)
        self.logged_in_ago(settings.SESSION_COOKIE_AGE - 120)  # two minutes left
        session = self.client.session
        session[LAST_SEEN_KEY] = time.time() - 61  # activity is due to be written
        session.save()
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)
        self.assertLessEqual(self.client.session.get_expiry_age(), 120)
