"""发展对象: listed after a year of observation with the quarterly records; then review, training,
sponsors, pre-examination and public notice, each in its place."""

from __future__ import annotations

from .helpers import AdmissionTestCase, D, K, Stage


class ListingTests(AdmissionTestCase):
    def test_an_activist_is_not_listed_before_a_year(self):
        case = self.observed(self.to_activist(self.open()))
        self.refused({"step_too_early"}, case, K.CANDIDATE, D(2023, 4, 9))

    def test_listing_needs_the_quarterly_records(self):
        case = self.to_activist(self.open())
        self.step(case, K.OBSERVATION, D(2022, 7, 10), note="表现良好")
        self.refused({"records_missing"}, case, K.CANDIDATE, D(2023, 4, 20))

    def test_an_activist_is_listed_a_year_on(self):
        case = self.observed(self.to_activist(self.open()))
        self.step(case, K.CANDIDATE, D(2023, 4, 10))
        self.assertEqual(case.stage, Stage.CANDIDATE)

    def test_the_year_is_configurable(self):
        case = self.to_activist(self.open())
        self.step(case, K.OBSERVATION, D(2022, 7, 10), note="表现良好")
        with self.settings(DANGJIAN={"admission": {"observation_months": 6, "observation_records_required": 1}}):
            self.step(case, K.CANDIDATE, D(2022, 10, 10))
        self.assertEqual(case.stage, Stage.CANDIDATE)


class CandidateStepTests(AdmissionTestCase):
    def test_training_is_at_least_three_days_or_24_hours(self):
        case = self.to_candidate(self.open())
        self.refused({"training_too_short"}, case, K.TRAINING, D(2023, 5, 15), days=2, hours=16)
        self.step(case, K.TRAINING, D(2023, 5, 15), hours=24)

    def test_a_probationary_member_is_no_sponsor(self):
        case = self.to_candidate(self.open())
        self.refused({"sponsor_not_full"}, case, K.SPONSORS, D(2023, 5, 20), people=[self.full[2], self.prob])

    def test_a_contact_person_is_no_sponsor(self):
        case = self.to_candidate(self.open())
        self.refused({"sponsor_is_contact"}, case, K.SPONSORS, D(2023, 5, 20), people=[self.full[2], self.full[0]])

    def test_two_sponsors_are_needed(self):
        case = self.to_candidate(self.open())
        self.refused({"sponsors_invalid"}, case, K.SPONSORS, D(2023, 5, 20), people=[self.full[2]])

    def test_pre_examination_waits_for_review_training_and_sponsors(self):
        case = self.to_candidate(self.open())
        self.step(case, K.REVIEW, D(2023, 5, 10), note="合格")
        self.step(case, K.TRAINING, D(2023, 5, 15), days=3)
        self.refused({"step_out_of_order"}, case, K.PRE_EXAM, D(2023, 6, 1))

    def test_the_notice_follows_the_pre_examination(self):
        case = self.to_candidate(self.open())
        self.refused({"step_out_of_order"}, case, K.NOTICE, D(2023, 6, 1))
