import datetime as dt

from django.core.exceptions import ValidationError
from django.urls import reverse

from dangjian.core.errors import codes_of
from dangjian.study import stats
from dangjian.study.models import Mark, SessionAttendance, SessionStatus
from dangjian.study.services import central_group as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase


class SessionTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.a2, self.a3 = self.people(self.w.branch_a1, 2)
        self.group_a = self.group(members=[self.w.person_a, self.a2, self.a3])
        self.session = services.session_plan(
            group=self.group_a, held_on=self.today - dt.timedelta(days=1), topic="学习党章", by=None
        )

    def test_planning_invites_every_member_of_the_group(self):
        self.assertEqual(
            set(self.session.attendances.values_list("person", flat=True)), {self.w.person_a.pk, self.a2.pk, self.a3.pk}
        )
        self.assertEqual(self.session.status, SessionStatus.PLANNED)

    def test_an_absentee_needs_a_reason(self):
        marks = {
            self.w.person_a.pk: MarkIn(Mark.PRESENT),
            self.a2.pk: MarkIn(Mark.ABSENT),
            self.a3.pk: MarkIn(Mark.EXCUSED),
        }
        with self.assertRaises(ValidationError) as e:
            services.session_record(session=self.session, marks=marks, by=None)
        self.assertIn(f"{self.a2.name}：缺席须填写原因", e.exception.messages)
        self.assertIn(f"{self.a3.name}：请假须填写原因", e.exception.messages)
        self.assertEqual(codes_of(e.exception), {"marks_invalid"})
        self.session.refresh_from_db()
        self.assertEqual(self.session.status, SessionStatus.PLANNED)

    def test_every_invited_person_must_be_marked(self):
        with self.assertRaisesMessage(ValidationError, "尚未登记出勤") as cm:
            services.session_record(session=self.session, marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)}, by=None)
        self.assertEqual(codes_of(cm.exception), {"session_unmarked"})

    def test_a_session_in_the_future_cannot_be_recorded(self):
        later = services.session_plan(
            group=self.group_a, held_on=self.today + dt.timedelta(days=2), topic="预备", by=None
        )
        with self.assertRaisesMessage(ValidationError, "还没到") as cm:
            services.session_record(session=later, marks={}, by=None)
        self.assertEqual(codes_of(cm.exception), {"session_not_yet"})

    def test_the_attendance_page_records_marks_and_the_session_counts(self):
        self.login_as(self.w.admin_a)
        data = {
            f"mark_{self.w.person_a.pk}": "present",
            f"mark_{self.a2.pk}": "late",
            f"mark_{self.a3.pk}": "excused",
            f"reason_{self.a3.pk}": "公务出差",
            "summary": "集体学习了党章。",
        }
        r = self.client.post(reverse("study:session_attendance", args=[self.session.pk]), data, follow=True)
        self.assertContains(r, "出席 1，迟到 1，请假 1，缺席 0")
        self.assertEqual(SessionAttendance.objects.get(person=self.a3).reason, "公务出差")
        year = self.session.held_on.year
        self.assertEqual(stats.central_group_sessions(self.w.committee, year), 1)
        self.assertEqual(stats.central_group_attendances(self.w.committee, year), 2)  # present + late
        self.assertEqual(stats.central_group_attendances(self.w.org_b, year), 0)

    def test_the_page_shows_the_error_and_keeps_what_was_typed(self):
        self.login_as(self.w.admin_a)
        data = {
            f"mark_{self.w.person_a.pk}": "present",
            f"mark_{self.a2.pk}": "absent",
            f"mark_{self.a3.pk}": "present",
            "summary": "小结",
        }
        r = self.client.post(reverse("study:session_attendance", args=[self.session.pk]), data)
        self.assertContains(r, "缺席须填写原因")
        self.assertContains(r, '<option value="absent" selected>', html=False)

    def test_a_cancelled_session_does_not_count(self):
        later = services.session_plan(
            group=self.group_a, held_on=self.today + dt.timedelta(days=2), topic="预备", by=None
        )
        self.login_as(self.w.admin_a)
        self.client.post(reverse("study:session_cancel", args=[later.pk]))
        later.refresh_from_db()
        self.assertEqual(later.status, SessionStatus.CANCELLED)
        self.assertEqual(stats.central_group_sessions(self.w.committee, later.held_on.year), 0)

    def test_an_invited_member_sees_the_session_and_only_their_own_mark(self):
        services.session_record(
            session=self.session,
            marks={
                self.w.person_a.pk: MarkIn(Mark.PRESENT),
                self.a2.pk: MarkIn(Mark.ABSENT, "未请假"),
                self.a3.pk: MarkIn(Mark.PRESENT),
            },
            by=None,
        )
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:session_detail", args=[self.session.pk]))
        self.assertContains(r, "我的出勤")
        self.assertNotContains(r, "未请假")
        self.assertNotContains(r, "登记出勤</a>")

    def test_speakers_from_the_roster_are_linked(self):
        self.login_as(self.w.admin_a)
        r = self.client.post(
            reverse("study:session_new", args=[self.group_a.pk]),
            {
                "held_on": self.today.isoformat(),
                "hours": "2",
                "topic": "专题研讨",
                "speakers": f"{self.a2.name}：交流发言\n王教授：辅导报告",
            },
            follow=True,
        )
        self.assertContains(r, "王教授：辅导报告")
        session = self.group_a.sessions.get(topic="专题研讨")
        self.assertEqual([s.person_id for s in session.speakers.all()], [self.a2.pk, None])


class LargeSessionTests(StudyTestCase):
    """A joint session of hundreds is marked page by page; it is held when the last page is saved."""

    def test_a_long_roster_is_marked_page_by_page(self):
        from dangjian.study.models import GroupKind
        from dangjian.study.views.common import MARK_ROWS

        people = self.people(self.w.branch_a1, MARK_ROWS + 5)
        joint = self.group(org=self.w.committee, kind=GroupKind.JOINT, name="市直机关中心组")
        session = services.session_plan(
            group=joint, held_on=self.today - dt.timedelta(days=1), topic="联学", invitees=people, by=None
        )
        self.login_as(self.w.staff)
        url = reverse("study:session_attendance", args=[session.pk])
        first = self.client.get(url)
        self.assertEqual(len(first.context["lines"]), MARK_ROWS)
        data = {f"mark_{line['p'].pk}": "present" for line in first.context["lines"]}
        r = self.client.post(url + "?page=1", {**data, "summary": ""}, follow=True)
        self.assertContains(r, "尚有 5 人未登记出勤")
        session.refresh_from_db()
        self.assertEqual(session.status, SessionStatus.PLANNED)
        rest = {f"mark_{line['p'].pk}": "present" for line in r.context["lines"]}
        self.assertEqual(len(rest), 5)
        r = self.client.post(url + "?page=2", {**rest, "summary": "联学"}, follow=True)
        self.assertContains(r, "该次学习记为已举行")
        session.refresh_from_db()
        self.assertEqual(session.status, SessionStatus.HELD)
        self.assertEqual(session.attendances.filter(status="present").count(), MARK_ROWS + 5)
