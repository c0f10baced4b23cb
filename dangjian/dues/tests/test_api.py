"""The dues API: a ledger in the caller's reach, a member's year; bases never leave through it."""

from .helpers import YEAR, DuesTestCase, declare, pay


class ApiTests(DuesTestCase):
    def setUp(self):
        super().setUp()
        declare(self.w.person_a, "4321.50")
        pay(self.w.person_a, [1, 2])

    def test_the_ledger_has_the_months_and_organizations(self):
        self.login_as(self.w.admin_a)
        data = self.client.get(f"/api/v1/dues/ledger?org=A&year={YEAR}").json()
        self.assertEqual(data["collected"], "86.44")
        self.assertEqual(data["months"][0]["collected"], "43.22")
        self.assertEqual([o["org_code"] for o in data["orgs"]], ["A01", "A02"])

    def test_a_member_reads_their_own_year_without_the_base(self):
        self.login_as(self.w.member)
        data = self.client.get(f"/api/v1/dues/members/{self.w.person_a.pk}?year={YEAR}").json()
        self.assertEqual(data["paid_months"], [1, 2])
        self.assertEqual(data["unpaid_months"], list(range(3, 13)))
        self.assertNotIn("base", data)
        self.assertEqual(self.client.get(f"/api/v1/dues/members/{self.w.person_b.pk}").status_code, 404)

    def test_out_of_reach_is_404_and_a_bad_year_422(self):
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get("/api/v1/dues/ledger?org=A").status_code, 404)
        self.assertEqual(self.client.get("/api/v1/dues/ledger?year=abc").status_code, 422)
