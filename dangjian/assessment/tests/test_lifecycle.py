import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError

from dangjian.assessment import services
from dangjian.assessment.models import Grade, Objection, ObjectionStatus, ResultStatus
from dangjian.core.errors import codes_of
from dangjian.core.testing import BaseTestCase

from .helpers import EXAMPLE, build_scheme, figures

MONDAY = dt.date(2026, 11, 30)


class ResultLifecycleTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.scheme = build_scheme(self.w)
        with figures(EXAMPLE):
            self.rs = services.results_compute(scheme=self.scheme, by=self.w.staff)
        self.a1 = self.rs.results.get(org=self.w.branch_a1)

    def notice(self):
        self.rs = services.results_start_notice(result_set=self.rs, by=self.w.staff, today=MONDAY)
        return self.rs

    def refused(self, code: str, call, **kwargs) -> None:
        with self.assertRaises(ValidationError) as ctx:
            call(**kwargs)
        self.assertIn(code, codes_of(ctx.exception))

    def test_computed_results_go_into_notice_for_five_working_days(self):
        self.assertEqual(self.rs.status, ResultStatus.COMPUTED)
        rs = self.notice()
        self.assertEqual(rs.status, ResultStatus.NOTICE)
        self.assertIsNotNone(rs.noticed_at)
        self.assertEqual(rs.notice_ends_on, dt.date(2026, 12, 7))  # Mon → next Mon, the weekend skipped

    def test_results_in_notice_are_not_recomputed(self):
        self.notice()
        with figures(EXAMPLE):
            self.refused("results_locked", services.results_compute, scheme=self.scheme, by=self.w.staff)

    def test_marks_close_once_the_results_are_in_notice(self):
        self.notice()
        from .helpers import self_indicator

        self.refused("results_locked", services.mark_self, scheme=self.scheme, indicator=self_indicator(self.scheme),
                     org=self.w.branch_a1, points=Decimal(1))  # fmt: skip

    def test_results_become_final_after_the_notice(self):
        self.notice()
        rs = services.results_finalize(result_set=self.rs, by=self.w.staff, today=dt.date(2026, 12, 8))
        self.assertEqual(rs.status, ResultStatus.FINAL)
        self.assertIsNotNone(rs.finalized_at)

    def test_results_are_not_final_before_the_notice_ends(self):
        self.notice()
        self.refused("notice_not_over", services.results_finalize, result_set=self.rs, today=dt.date(2026, 12, 7))
        self.rs.refresh_from_db()
        self.assertEqual(self.rs.status, ResultStatus.NOTICE)

    def test_computed_results_cannot_skip_the_notice(self):
        self.refused("results_wrong_status", services.results_finalize, result_set=self.rs, today=dt.date(2027, 1, 1))

    def test_an_objection_during_the_notice_is_recorded(self):
        self.notice()
        o = services.objection_file(result=self.a1, text="信息报送少计 2 篇", by=self.w.admin_a, today=MONDAY)
        self.assertEqual((o.status, o.filed_by), (ObjectionStatus.FILED, self.w.admin_a))

    def test_an_objection_after_the_notice_is_refused(self):
        self.notice()
        self.refused("notice_over", services.objection_file, result=self.a1, text="迟到的异议", by=self.w.admin_a,
                     today=dt.date(2026, 12, 8))  # fmt: skip
        self.assertFalse(Objection.objects.exists())

    def test_an_objection_before_the_notice_is_refused(self):
        self.refused("not_in_notice", services.objection_file, result=self.a1, text="异议", today=MONDAY)

    def test_another_organizations_administrator_cannot_object(self):
        self.notice()
        self.refused("objection_invalid", services.objection_file, result=self.a1, text="异议", by=self.w.admin_b,
                     today=MONDAY)  # fmt: skip

    def test_an_answer_records_its_effect_on_the_score_grade_and_rank(self):
        self.notice()
        self.assertEqual(self.a1.grade, Grade.POOR)  # 18.5 + ... without marks
        before = self.a1.score
        o = services.objection_file(result=self.a1, text="少计", by=self.w.admin_a, today=MONDAY)
        o = services.objection_answer(objection=o, answer="核实后加分", score_change=Decimal(50), by=self.w.staff)
        self.assertEqual(
            (o.status, o.score_change, o.answered_by), (ObjectionStatus.ANSWERED, Decimal(50), self.w.staff)
        )
        self.assertIsNotNone(o.answered_at)
        self.a1.refresh_from_db()
        self.assertEqual(self.a1.adjustment, Decimal(50))
        self.assertEqual(self.a1.score, before + 50)
        self.assertEqual(self.a1.grade, self.scheme.grade_for(self.a1.score))
        self.assertEqual(self.a1.rank, 1)
        self.refused("objection_answered", services.objection_answer, objection=o, answer="再答", score_change=None)

    def test_an_answer_cannot_push_the_score_past_100(self):
        self.notice()
        o = services.objection_file(result=self.a1, text="少计", today=MONDAY)
        self.refused("objection_invalid", services.objection_answer, objection=o, answer="加", score_change=Decimal(99))
        o.refresh_from_db()
        self.assertEqual(o.status, ObjectionStatus.FILED)

    def test_open_objections_keep_the_results_from_being_final(self):
        self.notice()
        services.objection_file(result=self.a1, text="少计", today=MONDAY)
        self.refused("objections_open", services.results_finalize, result_set=self.rs, today=dt.date(2026, 12, 8))
