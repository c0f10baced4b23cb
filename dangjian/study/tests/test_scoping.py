import datetime as dt

from django.urls import reverse

from dangjian.core.models import AuditEntry
from dangjian.study.models import Mark, MeetingKind
from dangjian.study.services import central_group as cg
from dangjian.study.services import org_life
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase


class ScopingTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.group_a = self.group(members=[self.w.person_a])
        self.session = cg.session_plan(group=self.group_a, held_on=self.today, topic="学习", by=None)
        self.meeting = org_life.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.GENERAL,
            held_on=self.today - dt.timedelta(days=1),
            topic="讨论发展对象",
            marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
            by=None,
        )
        self.k = self.klass()

    def assert_recorded_404(self, url):
        before = AuditEntry.objects.filter(event="denied").count()
        self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(AuditEntry.objects.filter(event="denied").count(), before + 1, url)

    def test_another_organizations_administrator_gets_recorded_404s(self):
        self.login_as(self.w.admin_b)
        for url in (
            reverse("study:group_detail", args=[self.group_a.pk]),
            reverse("study:session_detail", args=[self.session.pk]),
            reverse("study:meeting_detail", args=[self.meeting.pk]),
            reverse("study:class_detail", args=[self.k.pk]),
            reverse("study:day_detail", args=[self.k.days.first().pk]),
        ):
            self.assert_recorded_404(url)

    def test_lists_hold_only_the_users_subtree(self):
        self.login_as(self.w.admin_b)
        self.assertNotContains(self.client.get(reverse("study:groups")), "市财政局理论学习中心组")
        self.assertNotContains(
            self.client.get(reverse("study:meetings"), {"year": self.meeting.held_on.year}), "讨论发展对象"
        )
        self.assertNotContains(self.client.get(reverse("study:classes"), {"year": self.k.starts_on.year}), self.k.title)

    def test_a_member_reaches_no_management_page(self):
        self.login_as(self.w.member)
        for url in (
            reverse("study:groups"),
            reverse("study:meetings"),
            reverse("study:calendar"),
            reverse("study:session_attendance", args=[self.session.pk]),
        ):
            self.assert_recorded_404(url)

    def test_a_records_page_for_an_organization_out_of_reach_is_a_404(self):
        self.login_as(self.w.admin_b)
        self.assert_recorded_404(reverse("study:records_meetings") + "?org=A&year=2024")
