"""The API: rounds one may see, and a round's tally once it is over (scoped like the pages)."""

from __future__ import annotations

from .helpers import EvaluationTestCase


class ApiTests(EvaluationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.round = self.make_round(evaluators=1)
        self.vote(self.round.evaluators.get(), B01="poor")

    def test_the_tally_is_withheld_until_the_deadline(self):
        self.login_as(self.w.staff)
        body = self.client.get(f"/api/v1/evaluation/rounds/{self.round.pk}").json()
        self.assertEqual(body["round"]["status"], "open")
        self.assertEqual(body["round"]["ballots_cast"], 1)
        self.assertTrue(all(r["score"] is None and r["poor"] == 0 for r in body["results"]))

    def test_after_the_deadline_it_gives_counts_score_and_grade(self):
        self.pass_deadline(self.round)
        self.login_as(self.w.staff)
        body = self.client.get(f"/api/v1/evaluation/rounds/{self.round.pk}").json()
        b01 = next(r for r in body["results"] if r["org_code"] == "B01")
        self.assertEqual((b01["poor"], b01["score"], b01["grade"]), (1, "40.0", "poor"))
        listed = self.client.get("/api/v1/evaluation/rounds").json()
        self.assertEqual(listed["count"], 1)

    def test_an_org_admin_gets_their_own_secretaries_only(self):
        self.login_as(self.w.admin_a)
        body = self.client.get(f"/api/v1/evaluation/rounds/{self.round.pk}").json()
        self.assertEqual({r["org_code"] for r in body["results"]}, {"A", "A01"})

    def test_a_round_out_of_reach_is_not_found(self):
        other = self.make_round(scope=self.w.org_b, year=self.round.year - 1)
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get(f"/api/v1/evaluation/rounds/{other.pk}").status_code, 404)
