"""GET /api/v1/dashboard: the page's data, scoped like the page, with bounded parameters."""

from __future__ import annotations

from dangjian.accounts.models import ApiToken

from .helpers import DashboardTestCase


class DashboardApiTests(DashboardTestCase):
    def test_it_answers_the_charts_data_of_the_subtree_and_year(self):
        self.add(self.w.branch_a2, 2023, 2)
        self.login_as(self.w.staff)
        body = self.client.get("/api/v1/dashboard", {"org": "A", "year": 2024}).json()
        self.assertEqual(body["org"], {"code": "A", "name": "市财政局机关党委", "kind": "党委"})
        self.assertEqual(body["years"], [2020, 2021, 2022, 2023, 2024])
        self.assertEqual(self.line(body)["trend"], [0, 0, 0, 2, 0])
        self.assertEqual([c["code"] for c in body["children"]], ["A01", "A02"])
        self.assertIn("behind", body)

    def test_an_administrator_defaults_to_their_subtree_and_cannot_read_another(self):
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get("/api/v1/dashboard").json()["org"]["code"], "B")
        response = self.client.get("/api/v1/dashboard", {"org": "A"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["detail"], "未找到该记录，或您无权查看。")

    def test_a_member_gets_a_404_and_the_anonymous_a_401(self):
        self.login_as(self.w.member)
        self.assertEqual(self.client.get("/api/v1/dashboard").status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get("/api/v1/dashboard").status_code, 401)

    def test_parameters_are_bounded_with_a_chinese_422(self):
        self.login_as(self.w.staff)
        for params in ({"year": 99999}, {"year": "x"}, {"org": "A" * 300}, {"org": "A\x00"}):
            response = self.client.get("/api/v1/dashboard", params)
            self.assertEqual(response.status_code, 422, params)
            self.assertRegex(response.json()["detail"], r"[\u4e00-\u9fff]")

    def test_a_bearer_token_reads_it(self):
        _, raw = ApiToken.issue(user=self.w.staff, name="大屏集成")
        response = self.client.get("/api/v1/dashboard", {"org": "GW"}, HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(response.status_code, 200)

    def test_the_answer_has_the_documented_shape(self):
        from dangjian.dashboard.api import DashboardOut

        self.add(self.w.branch_a1, 2024, 1)
        self.login_as(self.w.staff)
        body = self.client.get("/api/v1/dashboard", {"year": 2024}).json()
        self.assertEqual(DashboardOut.model_validate(body).model_dump(), body)

    def test_the_schema_documents_it(self):
        schema = self.client.get("/api/v1/openapi.json").json()
        self.assertIn("/api/v1/dashboard", schema["paths"])
