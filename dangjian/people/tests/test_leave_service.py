"""Leaving the roster and coming back (people.services.member_leave, member_leave_undo,
member_transfer_in): the record stays, the roster leaves it out, the history keeps each move."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from dangjian.core import scoping
from dangjian.core.testing import make_id_number
from dangjian.people import services
from dangjian.people.models import Member, Post, PostTitle, Transfer
from dangjian.people.selectors import people_in

from .helpers import RosterTestCase

DAY = dt.date(2025, 6, 1)


class LeaveTests(RosterTestCase):
    def leave(self, **extra):
        args = {"member": self.w.person_a, "left_on": DAY, "reason": "组织关系转出", "to_org_name": "外省某党委"}
        args.update(extra)
        return services.member_leave(**args)

    def test_a_person_who_left_is_off_every_roster_but_keeps_the_record(self):
        self.leave()
        self.assertNotIn(self.w.person_a, people_in(self.w.committee))
        self.assertNotIn(self.w.person_a, scoping.visible_members(self.w.staff))
        left = Member.everyone.get(pk=self.w.person_a.pk)
        self.assertEqual((left.left_on, left.left_reason, left.org), (DAY, "组织关系转出", self.w.branch_a1))

    def test_the_history_and_the_audit_trail_keep_the_move(self):
        from dangjian.core.models import AuditEntry

        self.leave()
        t = Transfer.objects.get(member_id=self.w.person_a.pk)
        self.assertEqual((t.from_org_name, t.to_org_name, t.to_org), ("市财政局第一党支部", "外省某党委", None))
        self.assertTrue(
            AuditEntry.objects.filter(object_pk=str(self.w.person_a.pk), changes__has_key="left_on").exists()
        )

    def test_posts_end_the_day_they_leave(self):
        post = services.post_assign(
            member=self.w.person_a, org=self.w.branch_a1, title=PostTitle.SECRETARY, started_on=dt.date(2020, 1, 1)
        )
        self.leave()
        self.assertEqual(Post.objects.get(pk=post.pk).ended_on, DAY)

    def test_leaving_twice_or_in_the_future_is_refused(self):
        with self.assertRaises(ValidationError):
            self.leave(left_on=dt.date.today() + dt.timedelta(days=1))
        self.assertTrue(Member.objects.filter(pk=self.w.person_a.pk).exists())
        self.leave()
        with self.assertRaises(ValidationError):
            self.leave()
        self.assertEqual(Transfer.objects.filter(member_id=self.w.person_a.pk).count(), 1)

    def test_undo_puts_them_back_where_they_were(self):
        self.leave()
        back = services.member_leave_undo(member=Member.everyone.get(pk=self.w.person_a.pk), reason="介绍信作废")
        self.assertEqual((back.left_on, back.org), (None, self.w.branch_a1))
        self.assertIn(back, people_in(self.w.committee))
        with self.assertRaises(ValidationError):
            services.member_leave_undo(member=back, reason="again")

    def test_the_id_number_of_someone_who_left_is_still_taken_for_a_new_record(self):
        self.leave()
        a = Member.everyone.get(pk=self.w.person_a.pk)
        data = services.MemberData(
            name="冒名", gender="", ethnicity="汉族", birth_date=a.birth_date, id_number=a.id_number,
            org=self.w.branch_a2, status="non_party",
        )  # fmt: skip
        with self.assertRaises(ValidationError):
            services.member_create(data=data)


class TransferInTests(RosterTestCase):
    def data(self, **extra):
        born = dt.date(1988, 3, 4)
        fields = {
            "name": "钱进", "gender": "", "ethnicity": "汉族", "birth_date": born,
            "id_number": make_id_number(born, serial=321), "org": self.w.branch_a2, "status": "full",
            "joined_party_on": dt.date(2012, 7, 1),
        }  # fmt: skip
        fields.update(extra)
        return services.MemberData(**fields)

    def test_a_new_person_goes_on_the_roster_with_the_move_in_the_history(self):
        m = services.member_transfer_in(data=self.data(), transferred_on=DAY, from_org_name="外省某党委")
        self.assertEqual(Member.objects.get(pk=m.pk).org, self.w.branch_a2)
        t = Transfer.objects.get(member=m)
        self.assertEqual((t.from_org, t.from_org_name, t.to_org), (None, "外省某党委", self.w.branch_a2))

    def test_someone_who_left_gets_their_own_record_back(self):
        services.member_leave(member=self.w.person_a, left_on=DAY, reason="转出")
        a = Member.everyone.get(pk=self.w.person_a.pk)
        data = self.data(
            name=a.name, id_number=a.id_number, birth_date=a.birth_date, joined_party_on=a.joined_party_on,
            org=self.w.branch_b1,
        )  # fmt: skip
        m = services.member_transfer_in(data=data, transferred_on=DAY, from_org_name="外省某党委")
        self.assertEqual((m.pk, m.org, m.left_on), (a.pk, self.w.branch_b1, None))
        self.assertEqual(Member.everyone.filter(id_number_digest=a.id_number_digest).count(), 1)

    def test_coming_back_is_audited_as_the_change_it_is(self):
        from dangjian.core.models import AuditEntry

        a = self.w.person_a
        services.member_leave(member=a, left_on=DAY, reason="转出")
        data = self.data(
            name=a.name, gender=a.gender, id_number=a.id_number, birth_date=a.birth_date, org=self.w.branch_b1,
            phone=a.phone, joined_party_on=a.joined_party_on, education=a.education, unit=a.unit,
            job_title=a.job_title, cadre_rank=a.cadre_rank,
        )  # fmt: skip
        services.member_transfer_in(data=data, transferred_on=DAY, from_org_name="外省某党委")
        last = AuditEntry.objects.filter(object_pk=str(a.pk), changes__has_key="org").latest("pk")
        self.assertEqual(set(last.changes), {"org", "left_on", "left_reason"})

    def test_bad_data_writes_nothing(self):
        with self.assertRaises(ValidationError):
            services.member_transfer_in(
                data=self.data(id_number="150102198803040000"), transferred_on=DAY, from_org_name="外省"
            )
        with self.assertRaises(ValidationError):
            services.member_transfer_in(
                data=self.data(), transferred_on=dt.date.today() + dt.timedelta(days=1), from_org_name="外省"
            )
        self.assertFalse(Member.everyone.filter(name="钱进").exists())
        self.assertFalse(Transfer.objects.exists())


class ImportAfterLeavingTests(RosterTestCase):
    def test_a_row_for_someone_who_left_is_refused_and_nothing_is_written(self):
        import os
        import tempfile

        from openpyxl import Workbook

        from dangjian.people.importing import import_members_file

        from .test_import_members import HEADERS, person

        a = self.w.person_a
        services.member_leave(member=a, left_on=DAY, reason="转出")
        row = person(0, 姓名=a.name, 出生日期=a.birth_date, 身份证号=a.id_number, 性别="男", 入党日期=a.joined_party_on)
        wb = Workbook()
        wb.active.append(HEADERS)
        wb.active.append([row.get(h) for h in HEADERS])
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(fd)
        wb.save(path)
        self.addCleanup(os.unlink, path)
        result = import_members_file(path)
        self.assertFalse(result.ok)
        self.assertIn(services.ID_NUMBER_TAKEN, str(result.errors))
        self.assertEqual(Member.everyone.get(pk=a.pk).left_on, DAY)
        self.assertEqual(Member.everyone.count(), 2)
