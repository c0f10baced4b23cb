"""预备党员 and 正式党员: the general meeting's vote, the upper committee's approval, the probation,
conversion on time, extension of at most a year, disqualification; the roster follows each."""

from __future__ import annotations

from dangjian.people.models import Status

from .helpers import TALLY, AdmissionTestCase, D, K, Outcome, Stage


class VoteTests(AdmissionTestCase):
    def test_the_vote_waits_for_the_notice_period(self):
        case = self.ready_for_vote(self.open())
        self.refused({"step_too_early"}, case, K.VOTE, D(2023, 6, 9), **TALLY)

    def test_the_vote_needs_more_than_half_of_the_eligible(self):
        case = self.ready_for_vote(self.open())
        self.refused({"vote_not_passed"}, case, K.VOTE, D(2023, 6, 15), eligible=10, votes_for=5, votes_against=5)

    def test_the_tally_cannot_exceed_the_eligible(self):
        case = self.ready_for_vote(self.open())
        self.refused({"tally_invalid"}, case, K.VOTE, D(2023, 6, 15), eligible=5, votes_for=5, votes_against=1)

    def test_approval_makes_a_probationary_member_on_the_roster_from_the_vote(self):
        case = self.to_probationary(self.open())
        self.assertEqual((case.stage, case.probation_ends_on), (Stage.PROBATIONARY, D(2024, 6, 15)))
        case.member.refresh_from_db()
        self.assertEqual((case.member.status, case.member.joined_party_on), (Status.PROBATIONARY, D(2023, 6, 15)))

    def test_the_oath_follows_the_approval(self):
        case = self.ready_for_vote(self.open())
        self.step(case, K.VOTE, D(2023, 6, 15), **TALLY)
        self.refused({"step_out_of_order"}, case, K.OATH, D(2023, 6, 20))


class ConversionTests(AdmissionTestCase):
    def test_conversion_waits_for_the_end_of_probation(self):
        case = self.ready_for_conversion(self.open())
        self.refused({"step_too_early"}, case, K.CONVERSION, D(2024, 6, 14), outcome=Outcome.CONVERT, **TALLY)

    def test_conversion_needs_the_probation_records(self):
        case = self.to_probationary(self.open())
        self.step(case, K.OATH, D(2023, 7, 15))
        self.refused({"records_missing"}, case, K.CONVERSION, D(2024, 6, 20), outcome=Outcome.CONVERT, **TALLY)

    def test_conversion_makes_a_full_member_on_the_roster(self):
        case = self.to_full(self.open())
        case.member.refresh_from_db()
        self.assertEqual((case.member.status, case.member.joined_party_on), (Status.FULL, D(2023, 6, 15)))

    def test_an_extension_moves_the_end_of_probation(self):
        case = self.ready_for_conversion(self.open())
        self.step(case, K.CONVERSION, D(2024, 6, 20), outcome=Outcome.EXTEND, extension_months=6, **TALLY)
        self.assertEqual(
            (case.stage, case.probation_ends_on, case.extended_months), (Stage.PROBATIONARY, D(2024, 12, 15), 6)
        )
        self.refused({"step_too_early"}, case, K.CONVERSION, D(2024, 12, 1), outcome=Outcome.CONVERT, **TALLY)
        self.step(case, K.CONVERSION, D(2024, 12, 20), outcome=Outcome.CONVERT, **TALLY)
        self.assertEqual(case.stage, Stage.FULL)

    def test_extensions_add_up_to_a_year_at_most(self):
        case = self.ready_for_conversion(self.open())
        self.refused(
            {"extension_invalid"},
            case,
            K.CONVERSION,
            D(2024, 6, 20),
            outcome=Outcome.EXTEND,
            extension_months=13,
            **TALLY,
        )
        self.step(case, K.CONVERSION, D(2024, 6, 20), outcome=Outcome.EXTEND, extension_months=8, **TALLY)
        self.refused(
            {"extension_invalid"},
            case,
            K.CONVERSION,
            D(2025, 2, 20),
            outcome=Outcome.EXTEND,
            extension_months=6,
            **TALLY,
        )

    def test_disqualification_takes_the_person_off_the_party_statuses(self):
        case = self.to_probationary(self.open())
        self.step(case, K.OATH, D(2023, 7, 15))
        self.step(case, K.CONVERSION, D(2023, 12, 1), outcome=Outcome.DISQUALIFY, **TALLY)
        self.assertEqual((case.stage, case.disqualified_on), (Stage.DISQUALIFIED, D(2023, 12, 1)))
        case.member.refresh_from_db()
        self.assertEqual((case.member.status, case.member.joined_party_on), (Status.NON_PARTY, None))

    def test_a_conclusion_is_required(self):
        case = self.ready_for_conversion(self.open())
        self.refused({"tally_invalid"}, case, K.CONVERSION, D(2024, 6, 20), **TALLY)


class ApprovalLimitTests(AdmissionTestCase):
    def test_an_approval_more_than_three_months_after_the_vote_is_refused(self):
        case = self.ready_for_vote(self.open())
        self.step(case, K.VOTE, D(2023, 6, 15), **TALLY)
        self.refused({"approval_too_late"}, case, K.APPROVAL, D(2023, 9, 16))
        self.assertEqual(case.member.status, Status.ACTIVIST)
        self.step(case, K.APPROVAL, D(2023, 9, 15))
        self.assertEqual(case.stage, Stage.PROBATIONARY)

    def test_the_limit_is_configurable(self):
        from django.test import override_settings

        case = self.ready_for_vote(self.open())
        self.step(case, K.VOTE, D(2023, 6, 15), **TALLY)
        with override_settings(DANGJIAN={"admission": {"approval_within_months": 6}}):
            self.refused({"approval_too_late"}, case, K.APPROVAL, D(2023, 12, 16))
            self.step(case, K.APPROVAL, D(2023, 12, 15))
        self.assertEqual(case.stage, Stage.PROBATIONARY)

    def test_no_limit_when_set_to_zero(self):
        from django.test import override_settings

        case = self.ready_for_vote(self.open())
        self.step(case, K.VOTE, D(2023, 6, 15), **TALLY)
        with override_settings(DANGJIAN={"admission": {"approval_within_months": 0}}):
            self.step(case, K.APPROVAL, D(2024, 3, 1))
        self.assertEqual(case.stage, Stage.PROBATIONARY)
