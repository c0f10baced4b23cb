"""A letter out: its number, the member leaving the roster, the receipt, expiry, cancellation."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from dangjian.people import services as people
from dangjian.people.models import Member, Post, PostTitle, Transfer
from dangjian.transfers import services
from dangjian.transfers.models import OutLetter, OutStatus

from .helpers import LAST_YEAR, TODAY, TransfersTestCase, day, person


class IssueTests(TransfersTestCase):
    def test_it_numbers_letters_in_the_years_sequence(self):
        first = self.issue()
        second = self.issue(person(org=self.w.branch_b1))
        self.assertEqual(first.number, f"市直机关工委〔{LAST_YEAR}〕第001号")
        self.assertEqual(second.number, f"市直机关工委〔{LAST_YEAR}〕第002号")
        self.assertEqual((first.year, first.seq, second.seq), (LAST_YEAR, 1, 2))

    @override_settings(DANGJIAN={"transfers": {"issuer": "某市工委", "number_format": "{issuer}{year}-{seq}"}})
    def test_the_number_follows_the_configured_format(self):
        self.assertEqual(self.issue().number, f"某市工委{LAST_YEAR}-1")

    def test_validity_defaults_to_thirty_days(self):
        letter = self.issue()
        self.assertEqual(letter.valid_days, 30)
        self.assertEqual(letter.valid_until, day(10, 31))
        self.assertEqual(letter.status, OutStatus.ISSUED)
        self.assertIsNotNone(letter.issued_at)

    def test_the_member_leaves_the_roster_and_the_history_keeps_the_move(self):
        letter = self.issue()
        self.assertFalse(Member.objects.filter(pk=self.w.person_a.pk).exists())
        left = Member.everyone.get(pk=self.w.person_a.pk)
        self.assertEqual(left.left_on, day(10, 1))
        self.assertIn(letter.number, left.left_reason)
        move = Transfer.objects.get(member=left)
        self.assertEqual((move.from_org_name, move.to_org_name), ("市财政局第一党支部", "中共北京市海淀区委组织部"))

    def test_the_letter_keeps_what_it_said_of_the_member(self):
        letter = self.issue()
        a = self.w.person_a
        self.assertEqual((letter.member_name, letter.member_status, letter.org), (a.name, "正式党员", a.org))
        self.assertEqual(letter.member_id_masked, a.id_number_masked)

    def test_posts_held_end_on_the_day_of_issue(self):
        post = people.post_assign(
            member=self.w.person_a, org=self.w.branch_a1, title=PostTitle.SECRETARY, started_on=dt.date(2020, 1, 1)
        )
        self.issue()
        self.assertEqual(Post.objects.get(pk=post.pk).ended_on, day(10, 1))


class ReceiptTests(TransfersTestCase):
    def test_recording_the_receipt_closes_the_letter(self):
        letter = services.letter_record_receipt(
            letter=self.issue(), receipt_on=day(10, 20), receipt_org_name="中共海淀区某街道工委", today=TODAY
        )
        letter.refresh_from_db()
        self.assertEqual(letter.status, OutStatus.RETURNED)
        self.assertEqual((letter.receipt_on, letter.receipt_org_name), (day(10, 20), "中共海淀区某街道工委"))
        self.assertIsNotNone(letter.returned_at)

    def test_a_late_receipt_closes_an_expired_letter(self):
        letter = services.letter_expire(letter=self.issue(), today=TODAY)
        letter = services.letter_record_receipt(
            letter=letter, receipt_on=day(11, 20), receipt_org_name="接收党委", today=TODAY
        )
        self.assertEqual(letter.status, OutStatus.RETURNED)
        self.assertIsNotNone(letter.expired_at)


class ExpiryTests(TransfersTestCase):
    def test_a_letter_past_its_validity_can_be_marked_expired(self):
        letter = services.letter_expire(letter=self.issue(), today=TODAY)
        self.assertEqual(letter.status, OutStatus.EXPIRED)
        self.assertIsNotNone(letter.expired_at)

    def test_the_daily_run_expires_only_letters_past_their_validity(self):
        old = self.issue()
        fresh = self.issue(person(org=self.w.branch_a2), issued_on=day(11, 25))
        self.assertEqual(services.letters_expire_overdue(today=TODAY), 1)
        self.assertEqual(OutLetter.objects.get(pk=old.pk).status, OutStatus.EXPIRED)
        self.assertEqual(OutLetter.objects.get(pk=fresh.pk).status, OutStatus.ISSUED)


class CancelTests(TransfersTestCase):
    def test_cancelling_puts_the_member_back_on_the_roster(self):
        letter = services.letter_cancel(letter=self.issue(), reason="调动取消")
        self.assertEqual(letter.status, OutStatus.CANCELLED)
        self.assertIsNotNone(letter.cancelled_at)
        back = Member.objects.get(pk=self.w.person_a.pk)
        self.assertIsNone(back.left_on)
        self.assertEqual(back.org, self.w.branch_a1)

    def test_an_expired_letter_can_be_cancelled(self):
        letter = services.letter_expire(letter=self.issue(), today=TODAY)
        self.assertEqual(services.letter_cancel(letter=letter, reason="未去报到").status, OutStatus.CANCELLED)

    def test_a_cancelled_number_is_not_given_again(self):
        services.letter_cancel(letter=self.issue(), reason="调动取消")
        again = self.issue()
        self.assertEqual(again.seq, 2)
