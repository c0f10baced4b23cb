"""Issue 10 §4: the API schema and docs need a login in production (settings.API_DOCS_REQUIRE_LOGIN)."""

from django.test import override_settings

from dangjian.core.testing import BaseTestCase


class ApiDocsLoginTests(BaseTestCase):
    @override_settings(ENVIRONMENT="production")
    def test_in_production_anonymous_callers_get_neither_schema_nor_docs(self):
        self.assertEqual(self.client.get("/api/v1/openapi.json").status_code, 401)
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
        self.login_as(self.w.member)
        self.assertIn("paths", self.client.get("/api/v1/openapi.json").json())
        self.assertEqual(self.client.get("/api/v1/docs").status_code, 200)

    @override_settings(ENVIRONMENT="production", API_DOCS_REQUIRE_LOGIN=False)
    def test_a_deployment_may_publish_them(self):
        self.assertEqual(self.client.get("/api/v1/openapi.json").status_code, 200)

    @override_settings(API_DOCS_REQUIRE_LOGIN=True)
    def test_and_any_deployment_may_require_the_login(self):
        self.assertEqual(self.client.get("/api/v1/openapi.json").status_code, 401)
