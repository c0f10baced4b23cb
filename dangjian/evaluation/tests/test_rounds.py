"""Starting and closing a round: secretaries come from the posts held today; refusals write nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.evaluation import services
from dangjian.evaluation.models import Round, RoundStatus, Subject

from .helpers import YEAR, EvaluationTestCase


class RoundCreateTests(EvaluationTestCase):
    def test_it_lists_every_organization_with_a_secretary_in_post_in_tree_order(self):
        r = self.make_round(evaluators=0)
        listed = list(r.subjects.order_by("position").values_list("org__code", "secretary_name"))
        self.assertEqual(listed, [("A", "钱书记"), ("A01", "孙书记"), ("B", "周书记"), ("B01", "吴书记")])
        self.assertEqual(r.status, RoundStatus.OPEN)
        self.assertIsNotNone(r.opened_at)

    def test_a_subtree_round_lists_that_subtree_only(self):
        r = self.make_round(scope=self.w.org_b, evaluators=0)
        self.assertEqual(set(r.subjects.values_list("org__code", flat=True)), {"B", "B01"})

    def test_a_second_round_for_the_same_scope_and_year_is_refused(self):
        self.make_round(evaluators=0)
        with self.assertRaises(Exception) as e:
            self.make_round(evaluators=0)
        self.assertEqual(codes_of(e.exception), {"round_exists"})
        self.assertEqual(Round.objects.count(), 1)

    def test_a_deadline_in_the_past_is_refused(self):
        with self.assertRaises(Exception) as e:
            services.round_create(
                scope=self.w.committee, year=YEAR, title="述职评议", deadline=timezone.now() - dt.timedelta(hours=1)
            )
        self.assertEqual(codes_of(e.exception), {"deadline_in_past"})
        self.assertFalse(Round.objects.exists())

    def test_a_scope_without_secretaries_is_refused(self):
        with self.assertRaises(Exception) as e:
            self.make_round(scope=self.w.branch_a2, evaluators=0)
        self.assertEqual(codes_of(e.exception), {"no_secretaries"})
        self.assertFalse(Round.objects.exists())
        self.assertFalse(Subject.objects.exists())


class RoundCloseTests(EvaluationTestCase):
    def test_closing_moves_open_to_closed_with_its_time(self):
        r = self.make_round()
        closed = services.round_close(round_=r, by=self.w.staff)
        self.assertEqual(closed.status, RoundStatus.CLOSED)
        self.assertIsNotNone(closed.closed_at)

    def test_closing_twice_is_refused(self):
        r = services.round_close(round_=self.make_round())
        with self.assertRaises(Exception) as e:
            services.round_close(round_=r)
        self.assertEqual(codes_of(e.exception), {"round_closed"})

    def test_rounds_past_their_deadline_close_by_themselves(self):
        past = self.pass_deadline(self.make_round())
        running = self.make_round(scope=self.w.org_b, year=YEAR - 1)
        self.assertEqual(services.close_due_rounds(), 1)
        past.refresh_from_db()
        running.refresh_from_db()
        self.assertEqual((past.status, running.status), (RoundStatus.CLOSED, RoundStatus.OPEN))

    def test_no_evaluator_is_added_to_a_closed_round(self):
        r = services.round_close(round_=self.make_round(evaluators=0))
        with self.assertRaises(Exception) as e:
            services.evaluator_add(round_=r, name="迟到的评议人")
        self.assertEqual(codes_of(e.exception), {"round_closed"})
        self.assertFalse(r.evaluators.exists())
