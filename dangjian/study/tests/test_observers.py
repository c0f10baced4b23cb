import datetime as dt

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.core.models import AuditEntry
from dangjian.study.models import Mark, Observer
from dangjian.study.services import central_group as services
from dangjian.study.services.marks import MarkIn

from .helpers import StudyTestCase, aware

MON = dt.date(2025, 3, 3)


class NoticeTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.group_a = self.group(members=[self.w.person_a])

    def plan(self, held_on):
        return services.session_plan(group=self.group_a, held_on=held_on, topic="学习党章", by=None)

    def test_it_keeps_how_many_working_days_ahead_the_observer_was_notified(self):
        session = self.plan(MON + dt.timedelta(days=7))
        (o,) = services.observers_add(session=session, users=[self.w.staff], by=self.w.admin_a, now=aware(MON))
        self.assertEqual(o.notice_working_days, 5)
        self.assertEqual(o.writeup_due_on, MON + dt.timedelta(days=17))

    def test_a_notice_with_less_than_five_working_days_is_flagged_on_the_pages(self):
        session = self.plan(MON + dt.timedelta(days=7))
        services.observers_add(
            session=session, users=[self.w.staff], by=self.w.admin_a, now=aware(MON + dt.timedelta(days=3))
        )
        self.login_as(self.w.staff)
        self.assertContains(self.client.get(reverse("study:observer_tasks")), "通知不足（提前2个工作日）")
        self.assertContains(
            self.client.get(reverse("study:session_detail", args=[session.pk])), "通知不足（2个工作日）"
        )
        r = self.client.get(reverse("study:observers"), {"show": "short"})
        self.assertContains(r, "提前2个工作日")

    @override_settings(DANGJIAN={"study": {"observer_notice_working_days": 2}})
    def test_the_required_notice_is_configurable(self):
        session = self.plan(MON + dt.timedelta(days=7))
        services.observers_add(
            session=session, users=[self.w.staff], by=self.w.admin_a, now=aware(MON + dt.timedelta(days=3))
        )
        self.login_as(self.w.staff)
        self.assertNotContains(self.client.get(reverse("study:observer_tasks")), "通知不足")

    def test_the_add_page_warns_when_today_is_too_late(self):
        session = self.plan(self.today + dt.timedelta(days=1))
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("study:observers_add", args=[session.pk]))
        self.assertContains(r, "将标记为“通知不足”")
        r = self.client.post(
            reverse("study:observers_add", args=[session.pk]), {"users": [self.w.staff.pk]}, follow=True
        )
        self.assertContains(r, "已标记为“通知不足”")
        self.assertEqual(Observer.objects.get(session=session).user, self.w.staff)

    def test_only_committee_staff_above_the_session_are_offered(self):
        session = self.plan(self.today + dt.timedelta(days=30))
        self.login_as(self.w.admin_a)
        r = self.client.post(reverse("study:observers_add", args=[session.pk]), {"users": [self.w.admin_b.pk]})
        self.assertEqual(r.status_code, 200)
        self.assertFalse(Observer.objects.exists())


class WriteupTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        group = self.group(members=[self.w.person_a])
        self.session = services.session_plan(
            group=group, held_on=self.today - dt.timedelta(days=12), topic="学习党章", by=None
        )
        (self.observer,) = services.observers_add(
            session=self.session, users=[self.w.staff], by=None, now=aware(self.today - dt.timedelta(days=30))
        )

    def hold(self):
        services.session_record(session=self.session, marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)}, by=None)

    def test_an_unfiled_writeup_past_ten_days_is_shown_as_overdue(self):
        self.hold()
        self.login_as(self.w.staff)
        self.assertContains(self.client.get(reverse("study:observer_tasks")), "已逾期")
        r = self.client.get(reverse("study:observers"), {"show": "overdue"})
        self.assertContains(r, "逾期未交")
        self.assertContains(self.client.get(reverse("study:reminders")), "列席报告逾期未交（1）")

    def test_a_writeup_is_not_overdue_before_the_session_is_held(self):
        self.login_as(self.w.staff)
        self.assertNotContains(self.client.get(reverse("study:observers"), {"show": "overdue"}), "逾期未交</span>")

    def test_the_observer_files_the_writeup_and_it_is_marked_late(self):
        self.hold()
        self.login_as(self.w.staff)
        text = "本次学习准备充分，发言深入，建议进一步加强学习成果转化运用。"
        r = self.client.post(reverse("study:writeup", args=[self.observer.pk]), {"writeup": text}, follow=True)
        self.assertContains(r, "列席报告已提交")
        self.observer.refresh_from_db()
        self.assertEqual(self.observer.writeup, text)
        self.assertTrue(self.observer.writeup_late)
        self.assertContains(self.client.get(reverse("study:observer_tasks")), "逾期提交")

    def test_a_writeup_cannot_be_filed_before_the_session(self):
        session = services.session_plan(
            group=self.session.group, held_on=self.today + dt.timedelta(days=8), topic="预备", by=None
        )
        (o,) = services.observers_add(session=session, users=[self.w.staff], by=None)
        with self.assertRaisesMessage(ValidationError, "学习举行后才能提交列席报告") as cm:
            services.writeup_submit(observer=o, text="内容" * 20, by=self.w.staff, now=timezone.now())
        self.assertEqual(codes_of(cm.exception), {"writeup_too_early"})

    def test_someone_else_gets_a_recorded_404_for_the_writeup(self):
        self.login_as(self.w.admin_a)
        before = AuditEntry.objects.filter(event="denied").count()
        self.assertEqual(self.client.get(reverse("study:writeup", args=[self.observer.pk])).status_code, 404)
        self.assertEqual(AuditEntry.objects.filter(event="denied").count(), before + 1)

    def test_a_person_observer_sees_the_task_through_their_account(self):
        session = services.session_plan(
            group=self.session.group, held_on=self.today + dt.timedelta(days=20), topic="专题研讨", by=None
        )
        services.observers_add(session=session, people=[self.w.person_a], by=None)
        self.login_as(self.w.member)
        self.assertContains(self.client.get(reverse("study:observer_tasks")), "专题研讨")
