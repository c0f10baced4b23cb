import datetime as dt

from dangjian.accounts.models import ApiToken
from dangjian.core.models import AuditEntry
from dangjian.core.testing import make_org
from dangjian.orgs.models import OrgKind

from .helpers import OrgTestCase, add_people, elect, give_post


class OrgApiTests(OrgTestCase):
    def get(self, user, url, **params):
        self.login_as(user)
        return self.client.get(f"/api/v1/orgs{url}", params)

    def test_it_lists_visible_organizations_with_counts(self):
        add_people(self.w.branch_a1, 2)
        data = self.get(self.w.staff, "").json()
        self.assertEqual(data["count"], 6)
        by_code = {o["code"]: o for o in data["items"]}
        self.assertEqual(by_code["A"]["members"], {"party": 3, "full": 3, "people": 3})
        self.assertEqual(by_code["A"]["direct_members"]["party"], 0)
        self.assertEqual(by_code["A01"]["parent_code"], "A")
        self.assertIsNone(by_code["GW"]["parent_code"])
        self.assertEqual(by_code["A01"]["kind_label"], "党支部")

    def test_it_filters_by_parent_and_kind(self):
        data = self.get(self.w.staff, "", parent="A").json()
        self.assertEqual([o["code"] for o in data["items"]], ["A01", "A02"])
        data = self.get(self.w.staff, "", kind="party_committee").json()
        self.assertEqual({o["code"] for o in data["items"]}, {"A", "B"})

    def test_it_pages_the_list(self):
        data = self.get(self.w.staff, "", limit=2, offset=2).json()
        self.assertEqual(data["count"], 6)
        self.assertEqual([o["code"] for o in data["items"]], ["A01", "A02"])  # GW, A | A01, A02 | B, B01

    def test_an_admin_lists_only_their_subtree(self):
        data = self.get(self.w.admin_b, "").json()
        self.assertEqual({o["code"] for o in data["items"]}, {"B", "B01"})

    def test_a_member_gets_a_recorded_404(self):
        self.assertEqual(self.get(self.w.member, "").status_code, 404)
        self.assertTrue(AuditEntry.objects.filter(event="denied", actor=self.w.member).exists())

    def test_one_organization_has_counts_secretary_term_and_children(self):
        give_post(self.w.org_a, name="周书记")
        elect(self.w.org_a, dt.date(2021, 7, 1))
        make_org("A03", "第三支部", OrgKind.BRANCH, self.w.org_a)
        data = self.get(self.w.admin_a, "/A").json()
        self.assertEqual(data["secretary"], "周书记")
        self.assertEqual(data["term"]["elected_on"], "2021-07-01")
        self.assertEqual(data["term"]["due_on"], "2026-07-01")
        self.assertEqual(data["children"], ["A01", "A02", "A03"])
        self.assertEqual(data["parent_code"], "GW")
        self.assertEqual(data["members"]["party"], 2)  # 张建国 and 周书记

    def test_another_subtree_answers_a_recorded_404(self):
        r = self.get(self.w.admin_a, "/B01")
        self.assertEqual(r.status_code, 404)
        self.assertTrue(self.denied_entries(self.w.admin_a).exists())
        self.assertEqual(self.get(self.w.admin_a, "/B01/findings").status_code, 404)
        self.assertEqual(self.get(self.w.admin_a, "/", parent="B").status_code, 404)

    def test_findings_of_one_organization(self):
        data = self.get(self.w.staff, "/A01/findings").json()
        self.assertEqual({d["org_code"] for d in data}, {"A01"})
        self.assertIn("NO_SECRETARY", {d["code"] for d in data})
        self.assertEqual(set(data[0]), {"code", "org_code", "org_name", "message", "rule"})
        sub = self.get(self.w.staff, "/A/findings", subtree="true").json()
        self.assertEqual({d["org_code"] for d in sub}, {"A", "A01", "A02"})

    def test_the_compliance_list_is_scoped_and_filterable(self):
        data = self.get(self.w.admin_b, "/compliance").json()
        self.assertEqual({d["org_code"] for d in data}, {"B", "B01"})
        data = self.get(self.w.staff, "/compliance", code="NO_SECRETARY", org="A").json()
        self.assertEqual({(d["code"], d["org_code"]) for d in data}, {("NO_SECRETARY", c) for c in ("A", "A01", "A02")})

    def test_members_and_outsiders_get_a_recorded_404_for_the_compliance_list(self):
        for user in (self.w.member, self.w.outsider):
            self.assertEqual(self.get(user, "/compliance").status_code, 404)
            self.assertTrue(self.denied_entries(user).exists())

    def test_a_bearer_token_works_and_is_scoped(self):
        _, raw = ApiToken.issue(user=self.w.admin_a, name="集成")
        r = self.client.get("/api/v1/orgs", HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual({o["code"] for o in r.json()["items"]}, {"A", "A01", "A02"})
        r = self.client.get("/api/v1/orgs/B", HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual(r.status_code, 404)

    def test_anonymous_callers_are_refused(self):
        self.assertEqual(self.client.get("/api/v1/orgs").status_code, 401)

    def test_the_openapi_schema_describes_the_organization_endpoints(self):
        self.login_as(self.w.staff)
        schema = self.client.get("/api/v1/openapi.json").json()
        paths = schema["paths"]
        for path in ("/api/v1/orgs", "/api/v1/orgs/{code}", "/api/v1/orgs/{code}/findings", "/api/v1/orgs/compliance"):
            self.assertIn(path, paths)
        self.assertIn("OrgsOrgDetailOut", schema["components"]["schemas"])
        self.assertIn("OrgsFindingOut", schema["components"]["schemas"])

    def test_a_finding_count_comes_with_each_organization(self):
        data = self.get(self.w.staff, "", parent="A").json()
        self.assertGreater(data["items"][0]["findings"], 0)
