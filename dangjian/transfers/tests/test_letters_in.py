"""A letter in: received (the number kept encrypted until placed), the member placed in a branch
and on the roster, or the letter sent back."""

from __future__ import annotations

from dangjian.people.models import Member, Transfer
from dangjian.transfers import services
from dangjian.transfers.models import InLetter, InStatus

from .helpers import TODAY, TransfersTestCase, day


class ReceiveTests(TransfersTestCase):
    def test_a_received_letter_waits_to_be_placed(self):
        letter = self.receive()
        self.assertEqual(letter.status, InStatus.RECEIVED)
        self.assertEqual(letter.gender, "M")  # from the ID number
        self.assertTrue(letter.id_number_masked.endswith("****") or "*" in letter.id_number_masked)
        self.assertNotIn(letter.id_number, letter.id_number_enc)
        self.assertFalse(Member.objects.filter(name="孙立新").exists())

    def test_placing_puts_the_member_on_the_roster_in_the_branch(self):
        letter = services.in_letter_place(
            letter=self.receive(), branch=self.w.branch_a2, placed_on=day(11, 5), by=self.w.admin_a, today=TODAY
        )
        self.assertEqual(letter.status, InStatus.PLACED)
        self.assertIsNotNone(letter.placed_at)
        member = Member.objects.get(name="孙立新")
        self.assertEqual(
            (member.org, member.status, letter.member, letter.org), (self.w.branch_a2, "full", member, self.w.branch_a2)
        )
        move = Transfer.objects.get(member=member)
        self.assertEqual((move.from_org_name, move.to_org_name), ("中共北京市直属机关工委", "市财政局第二党支部"))
        # The roster holds the numbers now; the letter keeps the masked copy only.
        self.assertEqual((letter.id_number_enc, letter.phone_enc), ("", ""))
        self.assertEqual(member.phone, "13900001111")

    def test_receiving_with_a_branch_places_at_once(self):
        letter = self.receive(place_in=self.w.branch_a1)
        self.assertEqual(letter.status, InStatus.PLACED)
        self.assertEqual(letter.placed_on, day(11, 2))
        self.assertTrue(Member.objects.filter(name="孙立新", org=self.w.branch_a1).exists())

    def test_a_member_who_once_left_gets_their_record_back(self):
        self.issue()
        a = Member.everyone.get(pk=self.w.person_a.pk)
        # Their own dates: the factory's birth dates vary with how many people the process made before,
        # and the helper's fixed joining day (2015) fell before the 18th birthday of one born in 1999.
        letter = self.receive(
            name=a.name,
            id_number=a.id_number,
            birth_date=a.birth_date,
            joined_party_on=a.joined_party_on,
            place_in=self.w.branch_b1,
        )
        back = Member.objects.get(pk=a.pk)
        self.assertEqual((letter.member, back.org, back.left_on), (back, self.w.branch_b1, None))

    def test_a_letter_sent_back_puts_no_one_on_the_roster(self):
        letter = services.in_letter_return(letter=self.receive(), reason="身份信息不符")
        self.assertEqual(letter.status, InStatus.RETURNED)
        self.assertIsNotNone(letter.returned_at)
        self.assertEqual(letter.id_number_enc, "")
        self.assertFalse(Member.objects.filter(name="孙立新").exists())

    def test_a_placed_letter_is_not_placed_again_nor_sent_back(self):
        letter = self.receive(place_in=self.w.branch_a1)
        from dangjian.core.errors import codes_of

        with self.assertRaises(Exception) as caught:
            services.in_letter_place(letter=letter, branch=self.w.branch_a2, placed_on=day(11, 5), today=TODAY)
        self.assertIn("already_placed", codes_of(caught.exception))
        with self.assertRaises(Exception) as caught:
            services.in_letter_return(letter=letter, reason="x")
        self.assertIn("letter_not_open", codes_of(caught.exception))
        self.assertEqual(InLetter.objects.get().org, self.w.branch_a1)
