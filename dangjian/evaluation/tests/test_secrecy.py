"""The secret ballot: nothing joins a ballot to whoever cast it, the trail records THAT a ballot was
cast (naming the evaluator) and never a grade, and the tally shows counts, never names."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from dangjian.core.models import AuditEntry
from dangjian.evaluation import services
from dangjian.evaluation.models import Ballot, Mark

from .helpers import EvaluationTestCase


class SecrecyTests(EvaluationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.round = self.make_round()
        self.e1, self.e2, self.e3 = list(self.round.evaluators.order_by("id"))
        self.vote(self.e1, A="poor")
        self.vote(self.e2, A="average")

    def test_a_ballot_and_its_marks_carry_no_evaluator_no_time_and_no_address(self):
        self.assertEqual({f.name for f in Ballot._meta.concrete_fields}, {"id", "round"})
        self.assertEqual({f.name for f in Mark._meta.concrete_fields}, {"id", "ballot", "subject", "grade"})
        # Random ids: their order says nothing about the order the ballots were cast in.
        self.assertTrue(all(len(str(b.pk)) == 36 for b in Ballot.objects.all()))

    def test_the_trail_records_the_cast_and_never_a_grade(self):
        cast = AuditEntry.objects.filter(event="ballot_cast")
        self.assertEqual(cast.count(), 2)
        self.assertEqual(set(cast.values_list("object_pk", flat=True)), {str(self.e1.pk), str(self.e2.pk)})
        for entry in AuditEntry.objects.all():
            text = f"{entry.object_repr} {entry.changes} {entry.additional_data}"
            for grade in ("poor", "average", "fairly_good", "差", "一般"):
                self.assertNotIn(grade, text, entry.event)
        kinds = ContentType.objects.get_for_models(Ballot, Mark).values()
        self.assertFalse(AuditEntry.objects.filter(content_type__in=list(kinds)).exists())

    def test_the_tally_page_shows_counts_and_no_evaluator_next_to_a_grade(self):
        self.pass_deadline(self.round)
        self.login_as(self.w.staff)
        r = self.client.get(f"/evaluation/{self.round.pk}/")
        self.assertContains(r, "已投票 2 / 3 人")
        for name in (self.e1.name, self.e2.name):
            self.assertNotContains(r, name)


class ReshuffleTests(EvaluationTestCase):
    def test_closing_rewrites_the_ballots_under_new_ids_and_keeps_every_mark(self):
        r = self.make_round()
        for e, grade in zip(r.evaluators.order_by("id"), ("poor", "average", "good"), strict=True):
            self.vote(e, A=grade)
        before_ids = set(Ballot.objects.values_list("id", flat=True))
        before = sorted(Mark.objects.values_list("subject__org__code", "grade"))
        services.round_close(round_=r)
        self.assertEqual(Ballot.objects.count(), 3)
        self.assertFalse(before_ids & set(Ballot.objects.values_list("id", flat=True)))
        self.assertEqual(sorted(Mark.objects.values_list("subject__org__code", "grade")), before)
        # Each ballot still holds one grade for each of the four secretaries.
        self.assertEqual({b.marks.count() for b in Ballot.objects.all()}, {4})
