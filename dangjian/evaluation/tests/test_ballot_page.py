"""The phone ballot page: no login for a valid personal link; forged, altered or revoked links
404; a second ballot and one after the deadline get a clear message and write nothing."""

from __future__ import annotations

from dangjian.evaluation import services
from dangjian.evaluation.models import Ballot

from .helpers import EvaluationTestCase, ballot_url


class BallotPageTests(EvaluationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.round = self.make_round()
        evaluator = self.round.evaluators.order_by("id").first()
        assert evaluator is not None
        self.evaluator = evaluator
        self.url = ballot_url(self.evaluator)

    def post_all(self, grade: str = "good", url: str | None = None):
        return self.client.post(url or self.url, {f"g{s.pk}": grade for s in self.round.subjects.all()})

    def test_the_page_opens_without_a_login_and_lists_every_secretary(self):
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        for name in ("钱书记", "孙书记", "周书记", "吴书记"):
            self.assertContains(r, name)
        self.assertContains(r, 'name="viewport"')

    def test_posting_every_grade_casts_the_ballot(self):
        r = self.post_all("fairly_good")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "投票成功")
        self.assertEqual(Ballot.objects.count(), 1)

    def test_a_second_ballot_is_refused_with_a_message(self):
        self.post_all()
        r = self.post_all("poor")
        self.assertEqual(r.status_code, 409)
        self.assertContains(r, "只能投票一次", status_code=409)
        self.assertEqual(Ballot.objects.count(), 1)

    def test_the_link_stops_working_at_the_deadline(self):
        self.pass_deadline(self.round)
        self.assertContains(self.client.get(self.url), "已截止")
        r = self.post_all()
        self.assertContains(r, "截止，不能再投票", status_code=409)
        self.assertFalse(Ballot.objects.exists())

    def test_an_incomplete_ballot_is_shown_again_with_what_was_chosen(self):
        first = self.round.subjects.order_by("position").first()
        r = self.client.post(self.url, {f"g{first.pk}": "average"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "还有 3 名未评")
        self.assertContains(r, f'id="g{first.pk}-average" value="average" autocomplete="off" checked')
        self.assertFalse(Ballot.objects.exists())

    def test_a_forged_or_altered_token_is_not_found(self):
        token = self.url.split("/")[-2]
        other = self.round.evaluators.order_by("id").last()
        forged = token.replace(f"{self.evaluator.pk}.", f"{other.pk}.", 1)
        for bad in ("nonsense", token[:-2] + "xx", forged):
            self.assertEqual(self.client.get(f"/evaluation/b/{bad}/").status_code, 404, bad)

    def test_a_renewed_link_revokes_the_old_one(self):
        services.evaluator_renew_link(evaluator=self.evaluator)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.evaluator.refresh_from_db()
        self.assertEqual(self.client.get(ballot_url(self.evaluator)).status_code, 200)
