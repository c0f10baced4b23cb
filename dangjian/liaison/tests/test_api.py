"""The read-only API answers what the pages show, within the caller's reach."""

from __future__ import annotations

from dangjian.liaison import services

from .helpers import LAST_YEAR, TODAY, LiaisonTestCase


class ApiTests(LiaisonTestCase):
    def setUp(self):
        super().setUp()
        self.in_a = self.point(org=self.w.branch_a1)
        self.point(org=self.w.branch_b1)
        services.visit_log(point=self.in_a, visited_on=self.in_a.started_on, found="x", today=TODAY)
        services.attendance_set(lecture=self.lecture(org=self.w.org_a), members=[self.w.person_a], today=TODAY)

    def get(self, path, **params):
        return self.client.get(f"/api/v1/liaison/{path}", {"year": LAST_YEAR, **params})

    def test_an_administrator_gets_their_subtree(self):
        self.login_as(self.w.admin_a)
        self.assertEqual([p["org_code"] for p in self.get("points").json()], ["A01"])
        self.assertEqual([p["visits_this_year"] for p in self.get("points").json()], [1])
        self.assertEqual([o["code"] for o in self.get("unvisited").json()], ["A", "A02"])
        self.assertEqual([(lec["org_code"], lec["attended"]) for lec in self.get("lectures").json()], [("A", 1)])
        self.assertEqual(self.get("points", org="B").status_code, 404)

    def test_staff_see_the_committee(self):
        self.login_as(self.w.staff)
        self.assertEqual(len(self.get("points").json()), 2)
        unvisited = {o["code"]: o["has_point"] for o in self.get("unvisited").json()}
        self.assertEqual(unvisited, {"A": False, "A02": False, "B": False, "B01": True, "GW01": False})
