"""The API: scoped like the pages, names but never ID numbers."""

from __future__ import annotations

from .helpers import LAST_YEAR, TransfersTestCase, person


class ApiTests(TransfersTestCase):
    def test_letters_out_are_listed_for_the_callers_subtree(self):
        a = self.issue()
        self.issue(person(org=self.w.branch_b1))
        self.login_as(self.w.admin_a)
        body = self.client.get("/api/v1/transfers/out", {"year": LAST_YEAR}).json()
        self.assertEqual([x["number"] for x in body], [a.number])
        self.assertNotIn("id_number", str(body))
        self.assertEqual(self.client.get("/api/v1/transfers/out", {"org": "B"}).status_code, 404)

    def test_overdue_in_and_flow(self):
        self.flow()
        self.issue()
        self.receive(place_in=self.w.branch_a1)
        self.login_as(self.w.staff)
        self.assertEqual(len(self.client.get("/api/v1/transfers/out/overdue").json()), 1)
        self.assertEqual(self.client.get("/api/v1/transfers/in", {"year": LAST_YEAR}).json()[0]["status"], "placed")
        self.assertEqual(
            self.client.get("/api/v1/transfers/flow", {"year": LAST_YEAR}).json()[0]["place"], "广东省深圳市南山区"
        )
        self.assertEqual(self.client.get("/api/v1/transfers/flow", {"year": "abc"}).status_code, 422)
