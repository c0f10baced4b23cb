"""Refusals: each one names its rule by code and writes nothing."""

from __future__ import annotations

from dangjian.core.errors import codes_of
from dangjian.core.testing import make_id_number
from dangjian.people.models import Member, Status
from dangjian.transfers import services
from dangjian.transfers.models import FlowMember, InLetter, OutLetter, OutStatus

from .helpers import TODAY, TransfersTestCase, day, person


class OutLetterRefusalTests(TransfersTestCase):
    def assertRefused(self, code, call, *args, **kwargs):
        with self.assertRaises(Exception) as caught:
            call(*args, **kwargs)
        self.assertIn(code, codes_of(caught.exception))

    def test_a_member_out_of_reach_is_refused(self):
        outsider_committee_person = person(org=self.w.branch_b1)
        self.assertRefused("member_not_on_roster", self.issue, outsider_committee_person, by=self.w.admin_a)
        self.assertFalse(OutLetter.objects.exists())

    def test_a_member_who_left_the_roster_is_refused(self):
        self.issue()
        self.assertRefused("member_not_on_roster", self.issue)
        self.assertEqual(OutLetter.objects.count(), 1)

    def test_a_non_party_person_is_refused(self):
        activist = person(org=self.w.branch_a1, status=Status.ACTIVIST)
        self.assertRefused("not_a_party_member", self.issue, activist)
        self.assertTrue(Member.objects.filter(pk=activist.pk).exists())

    def test_missing_destination_reason_and_bad_dates_are_refused(self):
        self.assertRefused("destination_missing", self.issue, dest_name=" ")
        self.assertRefused("reason_missing", self.issue, reason="")
        self.assertRefused("issue_date_in_future", self.issue, issued_on=day(12, 2))
        self.assertRefused("validity_out_of_range", self.issue, valid_days=0)
        self.assertRefused("validity_out_of_range", self.issue, valid_days=91)
        self.assertFalse(OutLetter.objects.exists())
        self.assertTrue(Member.objects.filter(pk=self.w.person_a.pk).exists())

    def test_a_receipt_before_issue_or_in_the_future_is_refused(self):
        letter = self.issue()
        for when, code in ((day(9, 30), "receipt_before_issue"), (day(12, 2), "receipt_in_future")):
            self.assertRefused(
                code, services.letter_record_receipt, letter=letter, receipt_on=when, receipt_org_name="X", today=TODAY
            )
        self.assertRefused(
            "receiver_missing",
            services.letter_record_receipt, letter=letter, receipt_on=day(10, 5), receipt_org_name=" ", today=TODAY,
        )  # fmt: skip
        letter.refresh_from_db()
        self.assertEqual((letter.status, letter.receipt_on, letter.returned_at), (OutStatus.ISSUED, None, None))

    def test_a_second_receipt_is_refused(self):
        letter = self.issue()
        services.letter_record_receipt(letter=letter, receipt_on=day(10, 5), receipt_org_name="甲", today=TODAY)
        self.assertRefused(
            "receipt_already_recorded",
            services.letter_record_receipt, letter=letter, receipt_on=day(10, 6), receipt_org_name="乙", today=TODAY,
        )  # fmt: skip
        letter.refresh_from_db()
        self.assertEqual((letter.receipt_on, letter.receipt_org_name), (day(10, 5), "甲"))

    def test_a_cancelled_letter_takes_no_receipt_and_a_returned_one_no_cancel(self):
        cancelled = services.letter_cancel(letter=self.issue(), reason="取消")
        self.assertRefused(
            "letter_not_open",
            services.letter_record_receipt, letter=cancelled, receipt_on=day(10, 5), receipt_org_name="甲", today=TODAY,
        )  # fmt: skip
        returned = self.issue()
        services.letter_record_receipt(letter=returned, receipt_on=day(10, 5), receipt_org_name="甲", today=TODAY)
        self.assertRefused("letter_not_open", services.letter_cancel, letter=returned, reason="错开")
        self.assertFalse(Member.objects.filter(pk=self.w.person_a.pk).exists())

    def test_a_letter_still_valid_cannot_be_marked_expired(self):
        letter = self.issue(issued_on=day(11, 25))
        self.assertRefused("not_yet_expired", services.letter_expire, letter=letter, today=TODAY)
        self.assertEqual(OutLetter.objects.get(pk=letter.pk).status, OutStatus.ISSUED)

    def test_cancelling_needs_a_reason(self):
        letter = self.issue()
        self.assertRefused("reason_missing", services.letter_cancel, letter=letter, reason=" ")
        self.assertFalse(Member.objects.filter(pk=self.w.person_a.pk).exists())


class InLetterRefusalTests(TransfersTestCase):
    def assertRefused(self, code, **fields):
        with self.assertRaises(Exception) as caught:
            self.receive(**fields)
        self.assertIn(code, codes_of(caught.exception))
        self.assertFalse(InLetter.objects.exists())

    def test_an_invalid_id_number_is_refused(self):
        good = make_id_number(self.w.person_a.birth_date, serial=5)
        self.assertRefused("invalid_id_number", id_number=good[:-1] + ("0" if good[-1] != "0" else "1"))
        self.assertRefused("invalid_id_number", id_number="12345")
        self.assertRefused("invalid_id_number", birth_date=day(1, 1))  # the number says 1990-05-06

    def test_other_bad_data_is_refused(self):
        self.assertRefused("letter_number_missing", number=" ")
        self.assertRefused("origin_missing", origin_name="")
        self.assertRefused("received_in_future", received_on=day(12, 2))
        self.assertRefused("not_a_party_member", party_status="activist")
        self.assertRefused("member_data_refused", gender="F")  # the number says male
        self.assertRefused("member_data_refused", phone="123")

    def test_the_same_letter_twice_is_refused(self):
        self.receive()
        with self.assertRaises(Exception) as caught:
            self.receive()
        self.assertIn("letter_number_taken", codes_of(caught.exception))
        self.assertEqual(InLetter.objects.count(), 1)

    def test_a_member_already_on_the_roster_is_not_placed_twice(self):
        letter = self.receive(id_number=self.w.person_b.id_number, birth_date=self.w.person_b.birth_date, gender="")
        with self.assertRaises(Exception) as caught:
            services.in_letter_place(letter=letter, branch=self.w.branch_a1, placed_on=day(11, 3), today=TODAY)
        self.assertIn("member_data_refused", codes_of(caught.exception))
        self.assertEqual(Member.objects.count(), 2)
        self.assertEqual(InLetter.objects.get().status, "received")

    def test_placing_outside_a_branch_or_out_of_reach_is_refused(self):
        letter = self.receive()
        for branch, by in ((self.w.org_a, self.w.staff), (self.w.branch_b1, self.w.admin_a)):
            with self.assertRaises(Exception) as caught:
                services.in_letter_place(letter=letter, branch=branch, placed_on=day(11, 3), by=by, today=TODAY)
            self.assertIn("not_a_branch", codes_of(caught.exception))
        self.assertEqual(Member.objects.count(), 2)


class FlowRefusalTests(TransfersTestCase):
    def test_a_second_open_record_and_bad_dates_are_refused(self):
        self.flow()
        for fields, code in (
            ({}, "flow_already_open"),
            ({"member": self.w.person_b, "by": self.w.staff, "place": ""}, "flow_place_missing"),
            ({"member": self.w.person_b, "by": self.w.staff, "since": day(12, 2)}, "flow_dates_reversed"),
            ({"member": self.w.person_b, "by": self.w.staff, "expected_return": day(2, 1)}, "flow_dates_reversed"),
            ({"member": self.w.person_b}, "member_not_on_roster"),  # admin_a does not reach B's branch
        ):
            with self.subTest(code=code), self.assertRaises(Exception) as caught:
                self.flow(**fields)
            self.assertIn(code, codes_of(caught.exception))
        self.assertEqual(FlowMember.objects.count(), 1)
