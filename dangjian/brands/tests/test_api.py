"""The API: scoped lists, one brand with its history, a batch's ranking for staff."""

from dangjian.brands import services

from .helpers import BrandsTestCase


class ApiTests(BrandsTestCase):
    def test_the_list_is_scoped_and_a_brand_carries_its_history(self):
        mine = self.submitted(self.w.branch_a1)
        self.draft(self.w.branch_b1)
        self.login_as(self.w.admin_a)
        data = self.client.get("/api/v1/brands/").json()
        self.assertEqual((data["count"], data["items"][0]["name"]), (1, "红色账本"))
        detail = self.client.get(f"/api/v1/brands/{mine.pk}").json()
        self.assertEqual([e["action"] for e in detail["events"]], ["created", "submitted"])

    def test_the_ranking_is_for_committee_staff(self):
        brand = self.submitted()
        r = self.reviewer("r1")
        self.to_review()
        services.score_record(brand=brand, parts=self.parts(), by=r)
        self.login_as(self.w.staff)
        rows = self.client.get(f"/api/v1/brands/batches/{self.batch.pk}/ranking").json()
        self.assertEqual((rows[0]["rank"], rows[0]["mean"]), (1, "100.00"))
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get(f"/api/v1/brands/batches/{self.batch.pk}/ranking").status_code, 404)
