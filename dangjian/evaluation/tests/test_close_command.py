"""manage.py evaluation_close_due: what cron runs so that rounds close (and tally) at their deadline."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from dangjian.evaluation.models import RoundStatus, Talk

from .helpers import EvaluationTestCase


class CloseDueCommandTests(EvaluationTestCase):
    def test_it_closes_rounds_past_their_deadline_and_lists_the_talks(self):
        r = self.make_round(evaluators=1)
        self.vote(r.evaluators.get(), A="poor")
        out = StringIO()
        call_command("evaluation_close_due", stdout=out)
        self.assertIn("已结束 0 次", out.getvalue())
        self.pass_deadline(r)
        call_command("evaluation_close_due", stdout=out)
        self.assertIn("已结束 1 次", out.getvalue())
        r.refresh_from_db()
        self.assertEqual(r.status, RoundStatus.CLOSED)
        self.assertEqual(list(Talk.objects.values_list("org__code", flat=True)), ["A"])
