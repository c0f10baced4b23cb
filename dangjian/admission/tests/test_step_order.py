"""Steps come in order and in time: never out of order, in the future or before the step they follow."""

from __future__ import annotations

from .helpers import AdmissionTestCase, D, K, Outcome, Stage


class StepOrderTests(AdmissionTestCase):
    def test_an_applicant_cannot_become_an_activist_before_the_talk(self):
        case = self.open()
        self.refused({"step_out_of_order"}, case, K.ACTIVIST, D(2022, 4, 1), people=self.full[:2])

    def test_a_step_of_a_later_stage_is_out_of_order(self):
        case = self.open()
        self.refused({"step_out_of_order"}, case, K.VOTE, D(2022, 4, 1), eligible=5, votes_for=5)

    def test_a_step_dated_in_the_future_is_refused(self):
        case = self.open()
        self.refused({"step_in_future"}, case, K.TALK, D(2025, 6, 2), note="谈话")

    def test_a_step_dated_before_the_previous_step_is_refused(self):
        case = self.open()
        self.step(case, K.TALK, D(2022, 3, 20), note="谈话")
        self.refused({"step_before_previous"}, case, K.ACTIVIST, D(2022, 3, 19), people=self.full[:2])

    def test_the_talk_cannot_precede_the_application(self):
        case = self.open()
        self.refused({"step_before_previous"}, case, K.TALK, D(2022, 2, 28), note="谈话")

    def test_a_step_is_recorded_once(self):
        case = self.open()
        self.step(case, K.TALK, D(2022, 3, 20), note="谈话")
        self.refused({"step_already_done"}, case, K.TALK, D(2022, 3, 21), note="再谈")

    def test_a_record_needs_its_content(self):
        case = self.open()
        self.refused({"content_missing"}, case, K.TALK, D(2022, 3, 20), note=" ")

    def test_a_closed_case_takes_no_more_steps(self):
        case = self.to_full(self.open())
        self.assertEqual(case.stage, Stage.FULL)
        self.refused({"case_closed"}, case, K.PROBATION_RECORD, D(2024, 7, 1), note="x")

    def test_an_unknown_step_is_refused(self):
        self.refused({"step_out_of_order"}, self.open(), "party", D(2022, 4, 1))

    def test_the_whole_way_to_full_member_moves_every_stage_on(self):
        case = self.open()
        self.to_activist(case)
        self.assertEqual((case.stage, case.activist_on), (Stage.ACTIVIST, D(2022, 4, 10)))
        self.observed(case)
        self.step(case, K.CANDIDATE, D(2023, 4, 20))
        self.assertEqual((case.stage, case.candidate_on), (Stage.CANDIDATE, D(2023, 4, 20)))
        case = self.to_full(self.open(name="李明", id_number="11010519491231002X"))
        self.assertEqual(case.stage, Stage.FULL)
        self.assertEqual(
            (case.voted_on, case.admitted_on, case.full_on), (D(2023, 6, 15), D(2023, 7, 10), D(2024, 6, 20))
        )
        self.assertEqual(case.steps.filter(kind=K.CONVERSION).get().outcome, Outcome.CONVERT)
