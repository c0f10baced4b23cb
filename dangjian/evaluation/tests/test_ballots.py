"""Casting a ballot: once per evaluator, before the deadline, rating every secretary; refusals
write nothing (no ballot, no mark, no "cast at")."""

from __future__ import annotations

from dangjian.core.errors import codes_of
from dangjian.evaluation import services
from dangjian.evaluation.models import Ballot, Evaluator, Mark

from .helpers import EvaluationTestCase


class BallotTests(EvaluationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.round = self.make_round()
        self.e1, self.e2, _ = list(self.round.evaluators.order_by("id"))

    def assertNothingWritten(self, evaluator: Evaluator, ballots: int = 0) -> None:
        self.assertEqual(Ballot.objects.count(), ballots)
        self.assertEqual(Mark.objects.count(), ballots * 4)
        evaluator.refresh_from_db()
        if not ballots:
            self.assertIsNone(evaluator.cast_at)

    def test_a_ballot_rates_every_secretary_and_marks_the_evaluator_as_cast(self):
        self.vote(self.e1, B01="poor")
        self.e1.refresh_from_db()
        self.assertIsNotNone(self.e1.cast_at)
        self.assertEqual(Ballot.objects.count(), 1)
        self.assertEqual(Mark.objects.count(), 4)

    def test_a_second_ballot_is_refused_and_changes_nothing(self):
        self.vote(self.e1)
        with self.assertRaises(Exception) as e:
            self.vote(self.e1, A="poor")
        self.assertEqual(codes_of(e.exception), {"ballot_already_cast"})
        self.assertNothingWritten(self.e1, ballots=1)
        self.assertFalse(Mark.objects.filter(grade="poor").exists())

    def test_a_ballot_after_the_deadline_is_refused(self):
        self.pass_deadline(self.round)
        with self.assertRaises(Exception) as e:
            self.vote(self.e1)
        self.assertEqual(codes_of(e.exception), {"ballot_closed"})
        self.assertNothingWritten(self.e1)

    def test_a_ballot_in_a_round_closed_early_is_refused(self):
        services.round_close(round_=self.round)
        with self.assertRaises(Exception) as e:
            self.vote(self.e1)
        self.assertEqual(codes_of(e.exception), {"ballot_closed"})
        self.assertNothingWritten(self.e1)

    def test_a_ballot_leaving_a_secretary_unrated_is_refused(self):
        subjects = list(self.round.subjects.all())
        with self.assertRaises(Exception) as e:
            services.ballot_cast(evaluator=self.e1, grades={s.pk: "good" for s in subjects[:3]})
        self.assertEqual(codes_of(e.exception), {"ballot_incomplete"})
        self.assertNothingWritten(self.e1)

    def test_a_grade_that_does_not_exist_or_a_foreign_secretary_is_refused(self):
        subjects = list(self.round.subjects.all())
        grades = {s.pk: "good" for s in subjects}
        with self.assertRaises(Exception) as e:
            services.ballot_cast(evaluator=self.e1, grades={**grades, subjects[0].pk: "excellent"})
        self.assertEqual(codes_of(e.exception), {"ballot_invalid"})
        with self.assertRaises(Exception) as e:
            services.ballot_cast(evaluator=self.e1, grades={**grades, 999999: "good"})
        self.assertEqual(codes_of(e.exception), {"ballot_invalid"})
        self.assertNothingWritten(self.e1)

    def test_an_evaluator_who_voted_cannot_be_removed_nor_given_a_new_link(self):
        self.vote(self.e1)
        for call in (services.evaluator_remove, services.evaluator_renew_link):
            with self.assertRaises(Exception) as e:
                call(evaluator=self.e1)
            self.assertEqual(codes_of(e.exception), {"evaluator_has_voted"})
        self.assertTrue(Evaluator.objects.filter(pk=self.e1.pk).exists())
