from dangjian.core.models import AuditEntry
from dangjian.core.testing import PASSWORD, BaseTestCase


class LoginAuditTests(BaseTestCase):
    def test_it_records_a_login_with_the_address(self):
        response = self.client.post(
            "/accounts/login/", {"username": "staff", "password": PASSWORD}, REMOTE_ADDR="10.0.0.8"
        )
        self.assertEqual(response.status_code, 302)
        entry = AuditEntry.objects.get(event="login")
        self.assertEqual(entry.actor, self.w.staff)
        self.assertEqual(entry.remote_addr, "10.0.0.8")

    def test_it_records_a_failed_login_with_the_name_tried(self):
        response = self.client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
        self.assertContains(response, "用户名或密码不正确")
        entry = AuditEntry.objects.get(event="login_failed")
        self.assertIsNone(entry.actor)
        self.assertEqual(entry.object_repr, "staff")

    def test_the_login_page_is_in_chinese(self):
        self.assertContains(self.client.get("/accounts/login/"), "机关党建工作平台")

    def test_pages_need_a_login(self):
        response = self.client.get("/dashboard/")
        self.assertRedirects(response, "/accounts/login/?next=/dashboard/", fetch_redirect_response=False)
