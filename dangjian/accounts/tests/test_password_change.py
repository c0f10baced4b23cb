"""Changing one's password; expiry after 90 days and generated passwords force the change."""

import datetime as dt

from django.utils import timezone

from dangjian.accounts.models import User
from dangjian.core.models import AuditEntry
from dangjian.core.testing import PASSWORD, BaseTestCase

from .helpers import log_in, set_policy

NEW = "Hongqi#2027x"


class PasswordChangeTests(BaseTestCase):
    def change(self, old=PASSWORD, new=NEW, again=None):
        return self.client.post(
            "/accounts/password/", {"old_password": old, "new_password1": new, "new_password2": again or new}
        )

    def test_it_changes_the_password_and_records_it(self):
        self.login_as(self.w.staff)
        response = self.change()
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.w.staff.refresh_from_db()
        self.assertTrue(self.w.staff.check_password(NEW))
        entry = AuditEntry.objects.get(event="password_changed")
        self.assertEqual(entry.actor, self.w.staff)
        self.assertEqual(entry.additional_data["reason"], "voluntary")
        # Still logged in afterwards.
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)

    def test_the_page_states_the_rules_once(self):
        self.login_as(self.w.staff)
        page = self.client.get("/accounts/password/").content.decode()
        self.assertEqual(page.count("个字符"), 1, "the password rules are listed twice")

    def test_the_old_password_must_be_right(self):
        self.login_as(self.w.staff)
        self.assertContains(self.change(old="Wrong#2027"), "原密码不正确")

    def test_the_rules_apply(self):
        self.login_as(self.w.staff)
        self.assertContains(self.change(new="short1A"), "至少需要 8 个字符")
        self.assertContains(self.change(new="Staff#20271"), "不能包含用户名")
        self.assertContains(self.change(new=PASSWORD), "新密码不能与原密码相同")
        self.assertFalse(AuditEntry.objects.filter(event="password_changed").exists())

    def test_a_recent_password_cannot_come_back(self):
        self.login_as(self.w.staff)
        self.change()
        response = self.change(old=NEW, new=PASSWORD)
        self.assertContains(response, "最近 5 次")


class ExpiryTests(BaseTestCase):
    def age_password(self, user, days):
        User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=days))

    def test_a_fresh_password_does_not_expire(self):
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)

    def test_after_90_days_every_page_leads_to_the_password_change(self):
        self.age_password(self.w.staff, 91)
        self.login_as(self.w.staff)
        response = self.client.get("/dashboard/")
        self.assertRedirects(response, "/accounts/password/?next=%2Fdashboard%2F", fetch_redirect_response=False)
        self.assertContains(self.client.get("/accounts/password/"), "超过 90 天未修改")

    def test_89_days_are_still_fine(self):
        self.age_password(self.w.staff, 89)
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)

    def test_the_days_follow_the_policy(self):
        set_policy(password_max_age_days=30)
        self.age_password(self.w.staff, 31)
        self.login_as(self.w.staff)
        self.assertEqual(self.client.get("/dashboard/").status_code, 302)

    def test_changing_the_expired_password_lets_them_back_in(self):
        self.age_password(self.w.staff, 100)
        log_in(self.client, "staff")
        self.client.post(
            "/accounts/password/?next=/dashboard/",
            {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW, "next": "/dashboard/"},
        )
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)

    def test_the_api_answers_403_instead_of_redirecting(self):
        self.age_password(self.w.staff, 91)
        self.login_as(self.w.staff)
        response = self.client.get("/api/v1/orgs")
        self.assertEqual(response.status_code, 403)
        self.assertIn("密码", response.json()["detail"])


class FirstLoginTests(BaseTestCase):
    def test_a_generated_password_must_be_changed_at_first_login(self):
        self.w.member.must_change_password = True
        self.w.member.save()
        log_in(self.client, "member")
        response = self.client.get("/")
        self.assertRedirects(response, "/accounts/password/?next=%2F", fetch_redirect_response=False)
        self.assertContains(self.client.get("/accounts/password/"), "系统生成的初始密码")
        self.client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
        self.w.member.refresh_from_db()
        self.assertFalse(self.w.member.must_change_password)
        self.assertEqual(AuditEntry.objects.get(event="password_changed").additional_data["reason"], "initial")
        self.assertEqual(self.client.get("/").status_code, 302)  # home sends the member to their record
        self.assertEqual(self.client.get(f"/members/{self.w.person_a.pk}/").status_code, 200)

    def test_logout_stays_possible_before_the_change(self):
        self.w.member.must_change_password = True
        self.w.member.save()
        self.login_as(self.w.member)
        self.client.post("/accounts/logout/")
        self.assertNotIn("_auth_user_id", self.client.session)
