from dangjian.accounts.models import ApiToken

from .helpers import RosterTestCase


class MemberListApiTests(RosterTestCase):
    def get(self, **params):
        return self.client.get("/api/v1/members", params)

    def test_staff_list_everyone_with_masked_numbers_only(self):
        self.login_as(self.w.staff)
        response = self.get()
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 2)
        self.assertEqual([m["name"] for m in body["items"]], ["李红梅", "张建国"])
        self.assertNotIn(self.w.person_a.id_number, response.content.decode())
        self.assertNotIn("id_number_enc", body["items"][0])
        self.assertEqual(body["items"][0]["org"]["code"], "B01")
        self.assertEqual(body["items"][0]["status_label"], "正式党员")

    def test_it_searches_filters_and_pages_like_the_list(self):
        for name in ("安一", "安二", "安三"):
            self.person(name, org=self.w.branch_a2)
        self.login_as(self.w.staff)
        self.assertEqual([m["name"] for m in self.get(q="zjg").json()["items"]], ["张建国"])
        self.assertEqual(self.get(org="A02").json()["count"], 3)
        page = self.get(org="A", sort="-name", limit=2, offset=1).json()
        self.assertEqual((page["count"], page["limit"], page["offset"]), (4, 2, 1))
        self.assertEqual([m["name"] for m in page["items"]], ["安一", "安三"])

    def test_a_limit_over_the_maximum_is_refused(self):
        self.login_as(self.w.staff)
        self.assertEqual(self.get(limit=10000).status_code, 422)

    def test_an_admin_lists_only_their_subtree(self):
        self.login_as(self.w.admin_a)
        self.assertEqual([m["name"] for m in self.get().json()["items"]], ["张建国"])

    def test_an_admin_asking_for_another_org_gets_a_recorded_404(self):
        self.login_as(self.w.admin_a)
        self.assertDeniedAndRecorded(self.get(org="B"), self.w.admin_a)

    def test_members_and_outsiders_get_a_recorded_404(self):
        for user in (self.w.member, self.w.outsider):
            self.login_as(user)
            self.assertDeniedAndRecorded(self.get(), user)

    def test_it_needs_authentication_and_accepts_a_bearer_token(self):
        self.assertEqual(self.get().status_code, 401)
        _, raw = ApiToken.issue(user=self.w.admin_b, name="人事系统")
        response = self.client.get("/api/v1/members", HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.assertEqual([m["name"] for m in response.json()["items"]], ["李红梅"])

    def test_the_schema_describes_the_endpoints(self):
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        self.assertIn("/api/v1/members", paths)
        self.assertIn("/api/v1/members/{member_id}", paths)


class MemberDetailApiTests(RosterTestCase):
    def url(self, person):
        return f"/api/v1/members/{person.pk}"

    def test_it_gives_one_member_masked(self):
        self.login_as(self.w.admin_a)
        response = self.client.get(self.url(self.w.person_a))
        body = response.json()
        self.assertEqual(body["name"], "张建国")
        self.assertEqual(body["id_number_masked"], self.w.person_a.id_number_masked)
        self.assertEqual(body["phone_masked"], self.w.person_a.phone_masked)
        self.assertNotIn(self.w.person_a.id_number, response.content.decode())
        self.assertNotIn(self.w.person_a.phone, response.content.decode())
        self.assertEqual(body["posts"], [])

    def test_a_member_gets_their_own_record_and_no_one_elses(self):
        self.login_as(self.w.member)
        self.assertEqual(self.client.get(self.url(self.w.person_a)).status_code, 200)
        self.assertDeniedAndRecorded(self.client.get(self.url(self.w.person_b)), self.w.member)

    def test_out_of_scope_is_a_recorded_404(self):
        for user in (self.w.admin_a, self.w.outsider):
            self.login_as(user)
            response = self.client.get(self.url(self.w.person_b))
            self.assertDeniedAndRecorded(response, user)
            self.assertNotIn("李红梅", response.content.decode())
