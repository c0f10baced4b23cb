import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

from dangjian.core.errors import codes_of
from dangjian.study import stats
from dangjian.study.models import Mark, Meeting, MeetingKind
from dangjian.study.services import org_life as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase

DAY = dt.date(2024, 3, 12)


class QuorumTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.committee_people = self.committee(self.w.branch_a1, self.people(self.w.branch_a1, 5))

    def record(self, present: int):
        marks = {
            p.pk: MarkIn(Mark.PRESENT) if i < present else MarkIn(Mark.EXCUSED, "出差")
            for i, p in enumerate(self.committee_people)
        }
        return services.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.BRANCH_COMMITTEE,
            held_on=DAY,
            topic=f"支委会{present}",
            marks=marks,
            by=None,
        )

    def test_three_of_five_is_more_than_half(self):
        m = self.record(3)
        self.assertEqual((m.committee_size, m.committee_present, m.quorum_met), (5, 3, True))
        self.assertEqual(stats.org_life_meetings(self.w.committee, 2024), 1)

    def test_two_of_five_is_not_and_the_meeting_does_not_count(self):
        m = self.record(2)
        self.assertFalse(m.quorum_met)
        self.assertEqual(stats.org_life_meetings(self.w.committee, 2024), 0)
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("study:meeting_detail", args=[m.pk]))
        self.assertContains(r, "支委 5 人，到会 2 人，未超过半数")

    def test_late_members_count_towards_the_quorum(self):
        marks = {
            p.pk: MarkIn(Mark.LATE if i < 3 else Mark.ABSENT, "" if i < 3 else "未请假")
            for i, p in enumerate(self.committee_people)
        }
        m = services.meeting_record(
            org=self.w.branch_a1, kind=MeetingKind.BRANCH_COMMITTEE, held_on=DAY, topic="支委会", marks=marks, by=None
        )
        self.assertTrue(m.quorum_met)

    def test_changing_the_attendance_rechecks_the_quorum(self):
        m = self.record(2)
        services.meeting_mark(meeting=m, marks={self.committee_people[4].pk: MarkIn(Mark.PRESENT)}, by=None)
        m.refresh_from_db()
        self.assertEqual((m.committee_present, m.quorum_met), (3, True))
        self.assertEqual(stats.org_life_meetings(self.w.committee, 2024), 1)

    def test_a_branch_without_a_committee_cannot_record_a_committee_meeting(self):
        with self.assertRaisesMessage(ValidationError, "没有在任的支委会委员") as cm:
            services.meeting_record(
                org=self.w.branch_a2,
                kind=MeetingKind.BRANCH_COMMITTEE,
                held_on=DAY,
                topic="支委会",
                marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
                by=None,
            )
        self.assertEqual(codes_of(cm.exception), {"meeting_no_committee"})

    def test_the_form_lists_the_committee_and_says_what_quorum_needs(self):
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("study:meeting_new"), {"org": "A01", "kind": "branch_committee"})
        self.assertContains(r, "须至少 3 人")
        self.assertEqual(len(r.context["lines"]), 5)

    def test_the_form_records_the_meeting(self):
        self.login_as(self.w.admin_a)
        data = {"kind": "branch_committee", "held_on": DAY.isoformat(), "topic": "研究发展党员"}
        for i, p in enumerate(self.committee_people):
            data[f"mark_{p.pk}"] = "present" if i < 4 else "absent"
        data[f"reason_{self.committee_people[4].pk}"] = "未请假"
        r = self.client.post(reverse("study:meeting_new") + "?org=A01", data, follow=True)
        self.assertContains(r, "超过半数，会议有效")
        self.assertEqual(Meeting.objects.get().committee_present, 4)


class MeetingRulesTests(StudyTestCase):
    def test_a_group_meeting_belongs_to_a_party_group(self):
        with self.assertRaisesMessage(ValidationError, "党支部不召开“党小组会”") as cm:
            services.meeting_record(
                org=self.w.branch_a1,
                kind=MeetingKind.GROUP,
                held_on=DAY,
                topic="组会",
                marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
                by=None,
            )
        self.assertEqual(codes_of(cm.exception), {"meeting_kind_not_held"})

    def test_a_meeting_cannot_be_recorded_ahead(self):
        with self.assertRaisesMessage(ValidationError, "不能晚于今天") as cm:
            services.meeting_record(
                org=self.w.branch_a1,
                kind=MeetingKind.GENERAL,
                held_on=self.today + dt.timedelta(days=1),
                topic="大会",
                marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
                by=None,
            )
        self.assertEqual(codes_of(cm.exception), {"meeting_in_future"})

    def test_attendees_come_from_the_organization(self):
        with self.assertRaisesMessage(ValidationError, "参会人员须为") as cm:
            services.meeting_record(
                org=self.w.branch_a1,
                kind=MeetingKind.GENERAL,
                held_on=DAY,
                topic="大会",
                marks={self.w.person_b.pk: MarkIn(Mark.PRESENT)},
                by=None,
            )
        self.assertEqual(codes_of(cm.exception), {"meeting_attendee_outside"})

    def test_an_absentee_needs_a_reason(self):
        with self.assertRaisesMessage(ValidationError, "缺席须填写原因") as cm:
            services.meeting_record(
                org=self.w.branch_a1,
                kind=MeetingKind.GENERAL,
                held_on=DAY,
                topic="大会",
                marks={self.w.person_a.pk: MarkIn(Mark.ABSENT)},
                by=None,
            )
        self.assertEqual(codes_of(cm.exception), {"marks_invalid"})
        self.assertFalse(Meeting.objects.exists())
