"""The figures: evaluation.score is the org's own secretary's score in the closed round (0 when
none; a party committee's is its own, not its branches'); reports and talks count their records."""

from __future__ import annotations

from dangjian.core import registry
from dangjian.evaluation import services, stats

from .helpers import YEAR, EvaluationTestCase


class ScoreMetricTests(EvaluationTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.round = self.make_round(evaluators=2)
        e1, e2 = list(self.round.evaluators.order_by("id"))
        self.vote(e1, A01="poor", A="fairly_good")
        self.vote(e2, A01="average", A="good")

    def test_an_open_round_gives_no_score(self):
        self.assertEqual(stats.score(self.w.org_a, YEAR), 0)

    def test_the_closed_round_gives_each_org_its_own_secretarys_score(self):
        services.round_close(round_=self.round)
        self.assertEqual(stats.score(self.w.org_a, YEAR), 90.0)  # (80 + 100) / 2: A itself, not A01
        self.assertEqual(stats.score(self.w.branch_a1, YEAR), 50.0)
        self.assertEqual(stats.score(self.w.branch_a2, YEAR), 0)  # no secretary, not listed
        self.assertEqual(stats.score(self.w.org_a, YEAR - 1), 0)
        self.assertEqual(registry.value("evaluation.score", self.w.org_a, YEAR), 90.0)
        found = registry.per_org("evaluation.score", [self.w.org_a, self.w.branch_a1, self.w.branch_a2], YEAR)
        self.assertEqual(found, {self.w.org_a.pk: 90.0, self.w.branch_a1.pk: 50.0, self.w.branch_a2.pk: 0})

    def test_the_records_are_the_rated_secretaries_of_the_subtree(self):
        services.round_close(round_=self.round)
        records = registry.get("evaluation.score").records
        assert records is not None
        self.assertEqual({s.org.code for s in records(self.w.org_a, YEAR)}, {"A", "A01"})
        self.login_as(self.w.admin_a)
        r = self.client.get(f"/evaluation/records/scores/?org=A&year={YEAR}")
        self.assertContains(r, "孙书记")
        self.assertNotContains(r, "周书记")


class CountMetricTests(EvaluationTestCase):
    def test_reports_count_submitted_reports_and_talks_count_the_talk_list(self):
        r = self.make_round(evaluators=1)
        s = self.subjects(r)
        services.report_save(subject=s["A01"], text="报告", submit=True)
        services.report_save(subject=s["A"], text="草稿")
        services.report_save(subject=s["B"], text="报告", submit=True)
        self.assertEqual(stats.reports(self.w.committee, YEAR), 2)
        self.assertEqual(stats.reports(self.w.org_a, YEAR), 1)
        self.vote(r.evaluators.get(), A01="poor", B="average")
        self.assertEqual(stats.talks(self.w.committee, YEAR), 0)
        services.round_close(round_=r)
        self.assertEqual(stats.talks(self.w.committee, YEAR), 2)
        self.assertEqual(stats.talks(self.w.org_a, YEAR), 1)
        self.login_as(self.w.staff)
        page = self.client.get(f"/evaluation/records/reports/?year={YEAR}")
        self.assertContains(page, "已提交的述职报告共 2 份")
