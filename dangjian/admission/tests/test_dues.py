"""What is due next on a case, and what is overdue (the branch page's badges)."""

from __future__ import annotations

from dangjian.admission import selectors
from dangjian.admission.models import Case

from .helpers import TALLY, AdmissionTestCase, D, K, Outcome


def dues(case: Case, today):
    case = Case.objects.get(pk=case.pk)
    steps = [(s.kind, s.done_on) for s in case.steps.all()]
    return selectors.dues_of(case, steps, today)


class DuesTests(AdmissionTestCase):
    def test_the_talk_is_due_within_a_month_and_then_overdue(self):
        case = self.open()
        [due] = dues(case, D(2022, 3, 15))
        self.assertEqual((due.label, due.on, due.overdue), ("派人谈话", D(2022, 3, 31), False))
        [due] = dues(case, D(2022, 4, 1))
        self.assertTrue(due.overdue)

    def test_a_missing_quarterly_record_is_overdue(self):
        case = self.to_activist(self.open())
        record = dues(case, D(2022, 7, 11))[0]
        self.assertEqual((record.label, record.on, record.overdue), ("季度培养考察记录", D(2022, 7, 10), True))
        self.step(case, K.OBSERVATION, D(2022, 7, 10), note="表现良好")
        self.assertFalse(any(d.overdue for d in dues(case, D(2022, 7, 11))))

    def test_an_activist_may_be_listed_from_a_year_on(self):
        case = self.to_activist(self.open())
        listing = [d for d in dues(case, D(2022, 5, 1)) if d.label == "列为发展对象"][0]
        self.assertEqual((listing.on, listing.deadline, listing.overdue), (D(2023, 4, 10), False, False))

    def test_a_candidate_sees_the_steps_that_may_come_next(self):
        case = self.to_candidate(self.open())
        self.assertEqual([d.label for d in dues(case, D(2023, 4, 21))], ["政治审查", "集中培训", "确定入党介绍人"])

    def test_approval_is_overdue_three_months_after_the_vote(self):
        case = self.ready_for_vote(self.open())
        self.step(case, K.VOTE, D(2023, 6, 15), **TALLY)
        [due] = dues(case, D(2023, 9, 16))
        self.assertEqual((due.label, due.on, due.overdue), ("上级党委审批", D(2023, 9, 15), True))

    def test_probation_ending_is_shown_soon_and_then_overdue(self):
        case = self.ready_for_conversion(self.open())
        soon = [d for d in dues(case, D(2024, 6, 1)) if d.label == "预备期满讨论转正"][0]
        self.assertTrue(soon.soon and not soon.overdue)
        late = dues(case, D(2024, 6, 16))[0]
        self.assertEqual((late.label, late.overdue), ("预备期满讨论转正", True))

    def test_an_extension_moves_the_conversion_due_date(self):
        case = self.ready_for_conversion(self.open())
        self.step(case, K.CONVERSION, D(2024, 6, 20), outcome=Outcome.EXTEND, extension_months=6, **TALLY)
        conversion = [d for d in dues(case, D(2024, 6, 21)) if d.label == "预备期满讨论转正"][0]
        self.assertEqual((conversion.on, conversion.overdue), (D(2024, 12, 15), False))
