"""The tally: counts per grade, the score (好 100, 较好 80, 一般 60, 差 40 by default, the mean,
one decimal), the overall grade by thresholds and the majority cap, and the talk list at close."""

from __future__ import annotations

from decimal import Decimal

from django.test import override_settings

from dangjian.evaluation import selectors, services
from dangjian.evaluation.conf import EvaluationSettings
from dangjian.evaluation.models import Talk

from .helpers import EvaluationTestCase


def result(**counts: int) -> selectors.Result:
    conf = EvaluationSettings.current()
    return selectors.result_of(counts, conf, selectors.points_of(conf))


class GradeRuleTests(EvaluationTestCase):
    def test_the_score_is_the_mean_of_the_points(self):
        r = result(good=2, fairly_good=1)
        self.assertEqual((r.good, r.fairly_good, r.votes), (2, 1, 3))
        self.assertEqual(r.score, Decimal("93.3"))
        self.assertEqual(r.grade, "good")

    def test_thresholds_give_the_grade(self):
        self.assertEqual(result(fairly_good=1).grade, "fairly_good")  # 80
        self.assertEqual(result(good=1, average=1).grade, "fairly_good")  # 80
        self.assertEqual(result(average=1).grade, "average")  # 60
        self.assertEqual(result(average=1, poor=1).grade, "poor")  # 50

    def test_more_than_half_low_grades_caps_at_average_and_more_than_half_poor_gives_poor(self):
        # 3 good + 4 average: 77.1 points would be 较好, but 一般 from 4 of 7 caps it.
        self.assertEqual(result(good=3, average=4).grade, "average")
        # 3 good + 4 poor: 65.7 points would be 一般; 差 from 4 of 7 makes it 差.
        self.assertEqual(result(good=3, poor=4).grade, "poor")
        # Exactly half is not more than half.
        self.assertEqual(result(good=2, average=2).grade, "fairly_good")

    def test_nobody_rating_gives_no_score_and_no_grade(self):
        r = result()
        self.assertEqual((r.score, r.grade, r.grade_label), (None, "", "未评议"))

    @override_settings(DANGJIAN={"evaluation": {"points_fairly_good": 90, "majority_cap": False}})
    def test_points_and_the_cap_are_configurable(self):
        self.assertEqual(result(fairly_good=1).score, Decimal("90.0"))
        self.assertEqual(result(fairly_good=1).grade, "good")
        self.assertEqual(result(good=3, average=4).grade, "fairly_good")


class TallyAtCloseTests(EvaluationTestCase):
    def test_closing_writes_the_tally_and_lists_average_and_poor_for_a_talk(self):
        r = self.make_round()
        e1, e2, e3 = list(r.evaluators.order_by("id"))
        self.vote(e1, B01="poor", B="average")
        self.vote(e2, B01="poor", B="average")
        self.vote(e3, B="fairly_good")
        services.round_close(round_=r)
        s = self.subjects(r)
        self.assertEqual((s["A"].votes_good, s["A"].score, s["A"].grade), (3, Decimal("100.0"), "good"))
        self.assertEqual((s["B"].votes_average, s["B"].votes_fairly_good, s["B"].grade), (2, 1, "average"))
        self.assertEqual((s["B01"].votes_poor, s["B01"].score, s["B01"].grade), (2, Decimal("60.0"), "poor"))
        talks = Talk.objects.order_by("org__code")
        self.assertEqual([t.org.code for t in talks], ["B", "B01"])
        self.assertTrue(all(t.status == "pending" for t in talks))

    def test_before_closing_the_stored_tally_is_empty_but_the_live_one_counts(self):
        r = self.make_round()
        self.vote(r.evaluators.first(), A="poor")
        s = self.subjects(r)["A"]
        self.assertIsNone(s.score)
        live = selectors.results(r, [s])[s.pk]
        self.assertEqual((live.poor, live.good), (1, 0))
