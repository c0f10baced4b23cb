"""The demo seeder: a closed round over the committee with its tally and talk list, an open round
over one bureau; ballots only from evaluators marked as cast; the same seed writes the same data."""

from __future__ import annotations

from django.utils import timezone

from dangjian.core.seeding import SeedContext
from dangjian.evaluation import selectors
from dangjian.evaluation.demo import seed_evaluation
from dangjian.evaluation.models import Ballot, Mark, Round, RoundStatus, Subject, Talk

from .helpers import EvaluationTestCase


class DemoSeedTests(EvaluationTestCase):
    def seed(self) -> SeedContext:
        ctx = SeedContext(
            scale="demo", seed=1, today=timezone.localdate(), root=self.w.committee, committee_index=0, people=True
        )
        seed_evaluation(ctx)
        return ctx

    def test_it_seeds_a_closed_round_and_an_open_one(self):
        ctx = self.seed()
        closed = Round.objects.get(status=RoundStatus.CLOSED)
        running = Round.objects.get(status=RoundStatus.OPEN)
        self.assertEqual((closed.scope, running.scope), (self.w.committee, self.w.org_a))
        self.assertLess(closed.deadline, timezone.now())
        self.assertGreater(running.deadline, timezone.now())
        self.assertEqual(closed.subjects.count(), 4)
        self.assertEqual(closed.ballots.count(), closed.evaluators.filter(cast_at__isnull=False).count())
        self.assertEqual(Mark.objects.filter(ballot__round=closed).count(), closed.ballots.count() * 4)
        # The stored tally is the tally of the ballots.
        live = selectors.tally(closed)
        for s in closed.subjects.all():
            self.assertEqual((s.score, s.grade), (live[s.pk].score, live[s.pk].grade))
        self.assertEqual(
            set(Talk.objects.values_list("subject_id", flat=True)),
            set(closed.subjects.filter(grade__in=("average", "poor")).values_list("pk", flat=True)),
        )
        self.assertEqual(ctx.counts["述职书记"], 4)
        self.assertTrue(all(e.cast_at < closed.deadline for e in closed.evaluators.exclude(cast_at=None)))

    def test_the_same_seed_writes_the_same_data(self):
        self.seed()
        first = sorted(Subject.objects.values_list("org__code", "round__status", "score", "grade", "report_status"))
        ballots = sorted(str(b) for b in Ballot.objects.values_list("id", flat=True))
        Round.objects.all().delete()
        self.seed()
        self.assertEqual(
            sorted(Subject.objects.values_list("org__code", "round__status", "score", "grade", "report_status")), first
        )
        self.assertEqual(sorted(str(b) for b in Ballot.objects.values_list("id", flat=True)), ballots)
