import datetime as dt

from dangjian.accounts.models import ApiToken
from dangjian.core import registry
from dangjian.core.testing import BaseTestCase


class StatsApiTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        # A metric of our own so the test does not depend on which apps registered what.
        self.calls = []

        def count_children(org, year):
            self.calls.append((org.code, year))
            return org.get_descendants().count()

        metric = registry.metric("test.descendants", "下级组织数")(count_children)
        self.enterContext(registry.installed_for_test(metric))

    def test_it_returns_every_registered_key_for_the_org_and_year(self):
        self.login_as(self.w.staff)
        response = self.client.get("/api/v1/stats", {"org": "A", "year": 2025})
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["test.descendants"], 2)
        self.assertEqual(set(body), {m.key for m in registry.metrics()})
        self.assertIn(("A", 2025), self.calls)

    def test_it_defaults_to_the_users_top_org_and_this_year(self):
        self.login_as(self.w.admin_b)
        self.client.get("/api/v1/stats")
        self.assertIn(("B", dt.date.today().year), self.calls)

    def test_another_organizations_figures_are_a_404(self):
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get("/api/v1/stats", {"org": "B", "year": 2025}).status_code, 404)

    def test_it_needs_authentication(self):
        self.assertEqual(self.client.get("/api/v1/stats").status_code, 401)

    def test_a_bearer_token_works_and_a_revoked_one_does_not(self):
        token, raw = ApiToken.issue(user=self.w.staff, name="集成测试")
        response = self.client.get("/api/v1/stats", {"org": "GW"}, HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["test.descendants"], 5)
        token.revoked_at = dt.datetime.now(dt.UTC)
        token.save()
        response = self.client.get("/api/v1/stats", HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 401)

    def test_the_openapi_schema_lists_the_stats_endpoint(self):
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertIn("/api/v1/stats", schema["paths"])
