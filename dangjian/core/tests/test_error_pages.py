"""Errors answer in Chinese, in the platform's layout, never with Django's bare English pages."""

from __future__ import annotations

from django.test import override_settings

from dangjian.core.testing import BaseTestCase


@override_settings(DEBUG=False)
class ErrorPageTests(BaseTestCase):
    def test_a_missing_page_answers_in_chinese_within_the_layout(self):
        self.login_as(self.w.staff)
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        text = response.content.decode()
        self.assertIn("页面不存在", text)
        self.assertIn("机关党建工作平台", text)
        self.assertNotIn("Not Found", text)

    def test_a_stale_form_answers_in_chinese(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.w.staff)
        response = client.post("/accounts/logout/")
        self.assertEqual(response.status_code, 403)
        self.assertIn("页面已过期", response.content.decode())

    def test_the_server_error_page_needs_no_request_context(self):
        from django.template import loader

        html = loader.get_template("500.html").render({})
        self.assertIn("服务器出错", html)
