"""The demo seeder: cases for the roster's activists and probationary members and recent converts,
new applicants, steps never ahead of today nor before the application; deterministic."""

from __future__ import annotations

import datetime as dt

from dangjian.admission.demo import seed_admission
from dangjian.admission.models import OPEN_STAGES, Case, Stage, Step, StepKind
from dangjian.admission.selectors import dues_of, overview, steps_by_case
from dangjian.core.seeding import SeedContext
from dangjian.people.models import Status

from .helpers import AdmissionTestCase, person

TODAY = dt.date(2026, 9, 15)
MEMBER_STATUS = {
    Stage.ACTIVIST: Status.ACTIVIST,
    Stage.CANDIDATE: Status.ACTIVIST,
    Stage.PROBATIONARY: Status.PROBATIONARY,
    Stage.FULL: Status.FULL,
}


class DemoSeedTests(AdmissionTestCase):
    def seed(self) -> SeedContext:
        for org in (self.w.branch_a1, self.w.branch_a2, self.w.branch_b1):
            for _ in range(5):
                person(org=org, status=Status.FULL)
            person(org=org, status=Status.ACTIVIST, birth_date=dt.date(1996, 1, 1))
            person(org=org, status=Status.PROBATIONARY, joined_party_on=dt.date(2026, 3, 1))
            person(org=org, status=Status.FULL, joined_party_on=dt.date(2025, 5, 1), birth_date=dt.date(1990, 2, 2))
        ctx = SeedContext(scale="demo", seed=1, today=TODAY, root=self.w.committee, committee_index=0, people=True)
        seed_admission(ctx)
        return ctx

    def test_it_seeds_every_stage_consistently_with_the_roster(self):
        ctx = self.seed()
        self.assertEqual(Case.objects.count(), ctx.counts["发展党员档案"])
        stages = set(Case.objects.values_list("stage", flat=True))
        self.assertTrue({Stage.PROBATIONARY, Stage.FULL} <= stages)
        self.assertTrue(stages & {Stage.ACTIVIST, Stage.CANDIDATE})
        for case in Case.objects.select_related("member"):
            if case.member is not None:
                self.assertEqual(case.member.status, MEMBER_STATUS[case.stage], case)
                self.assertEqual(case.id_number, case.member.id_number)
            else:
                self.assertEqual(case.stage, Stage.APPLICANT)
                self.assertEqual(len(case.id_number), 18)
        for step in Step.objects.select_related("case"):
            self.assertLessEqual(step.done_on, TODAY)
            self.assertGreaterEqual(step.done_on, step.case.applied_on)
        for sponsors in Step.objects.filter(kind=StepKind.SPONSORS).prefetch_related("people", "case__steps__people"):
            contacts = {p.pk for s in sponsors.case.steps.all() if s.kind == StepKind.ACTIVIST for p in s.people.all()}
            self.assertFalse(contacts & {p.pk for p in sponsors.people.all()})
            self.assertTrue(all(p.status == Status.FULL for p in sponsors.people.all()))

    def test_the_overview_counted_in_the_database_agrees_with_each_cases_dues(self):
        self.seed()
        cases = list(Case.objects.filter(stage__in=OPEN_STAGES))
        steps = steps_by_case(c.pk for c in cases)
        for today in (TODAY, TODAY + dt.timedelta(days=45), TODAY + dt.timedelta(days=200)):
            expected: dict[int, int] = {}
            for c in cases:
                late = any(d.overdue for d in dues_of(c, steps.get(c.pk, []), today))
                expected[c.org_id] = expected.get(c.org_id, 0) + late
            lines = overview(self.w.committee, today)
            self.assertEqual(
                {line.org.pk: line.overdue for line in lines if line.overdue},
                {k: v for k, v in expected.items() if v},
                today,
            )
            self.assertEqual(sum(line.open_total for line in lines), len(cases))
        self.assertTrue(any(line.overdue for line in overview(self.w.committee, TODAY)))

    def test_the_same_seed_writes_the_same_data(self):
        self.seed()
        first = list(Step.objects.order_by("id").values_list("case__name", "kind", "done_on"))
        Step.objects.all().delete()
        Case.objects.all().delete()
        ctx = SeedContext(scale="demo", seed=1, today=TODAY, root=self.w.committee, committee_index=0, people=True)
        seed_admission(ctx)
        self.assertEqual(list(Step.objects.order_by("id").values_list("case__name", "kind", "done_on")), first)
