"""Creating, publishing, editing and cancelling activities (status plus *_at timestamps)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.volunteer import services
from dangjian.volunteer.models import Activity, ActivityStatus

from .helpers import VolunteerTestCase, make_activity


def local_input(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


class ActivityLifecycleTests(VolunteerTestCase):
    def form(self, **over) -> dict:
        start = timezone.now() + dt.timedelta(days=5)
        data = {
            "brigade": self.brigade_a.pk,
            "title": "环境整治：满都海公园清洁行动",
            "kind": "environment",
            "place": "满都海公园",
            "starts_at": local_input(start),
            "ends_at": local_input(start + dt.timedelta(hours=3)),
            "places": 20,
            "requirements": "自带手套",
        }
        data.update(over)
        return data

    def test_it_saves_a_new_activity_as_a_draft_members_do_not_see(self):
        self.login_as(self.w.admin_a)
        response = self.client.post("/volunteer/activities/new/", self.form())
        activity = Activity.objects.get(title="环境整治：满都海公园清洁行动")
        self.assertRedirects(response, f"/volunteer/activities/{activity.pk}/")
        self.assertEqual(activity.status, ActivityStatus.DRAFT)
        self.assertIsNone(activity.published_at)
        self.assertEqual(activity.signup_deadline, activity.starts_at)  # no deadline given: the start
        self.login_as(self.w.member)
        self.assertEqual(self.client.get(f"/volunteer/activities/{activity.pk}/").status_code, 404)

    def test_it_publishes_a_draft_with_a_timestamp(self):
        draft = make_activity(self.brigade_a, status=ActivityStatus.DRAFT)
        self.login_as(self.w.admin_a)
        self.client.post(f"/volunteer/activities/{draft.pk}/publish/")
        draft.refresh_from_db()
        self.assertEqual(draft.status, ActivityStatus.PUBLISHED)
        self.assertIsNotNone(draft.published_at)
        self.login_as(self.w.member)
        self.assertEqual(self.client.get(f"/volunteer/activities/{draft.pk}/").status_code, 200)

    def test_it_refuses_to_publish_once_the_deadline_has_passed(self):
        draft = make_activity(
            self.brigade_a, status=ActivityStatus.DRAFT, deadline=timezone.now() - dt.timedelta(hours=1)
        )
        with self.assertRefused("deadline_passed", "报名截止时间已过"):
            services.activity_publish(activity=draft)

    def test_it_cancels_an_activity_with_a_timestamp(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(f"/volunteer/activities/{self.activity.pk}/cancel/", follow=True)
        self.assertContains(response, "活动已取消")
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.status, ActivityStatus.CANCELLED)
        self.assertIsNotNone(self.activity.cancelled_at)

    def test_it_cancels_a_draft_that_was_never_published(self):
        draft = make_activity(self.brigade_a, status=ActivityStatus.DRAFT)
        services.activity_cancel(activity=draft)
        draft.refresh_from_db()
        self.assertEqual(draft.status, ActivityStatus.CANCELLED)
        self.assertIsNotNone(draft.cancelled_at)
        self.assertIsNone(draft.published_at)

    def test_it_refuses_to_cancel_twice_and_keeps_the_first_time(self):
        services.activity_cancel(activity=self.activity)
        first = Activity.objects.get(pk=self.activity.pk).cancelled_at
        with self.assertRefused("activity_cancelled"):
            services.activity_cancel(activity=self.activity)
        self.assertEqual(Activity.objects.get(pk=self.activity.pk).cancelled_at, first)

    def test_it_publishes_only_a_draft(self):
        published_at = self.activity.published_at
        with self.assertRefused("not_a_draft"):
            services.activity_publish(activity=self.activity)
        services.activity_cancel(activity=self.activity)
        with self.assertRefused("not_a_draft"):
            services.activity_publish(activity=self.activity)
        self.activity.refresh_from_db()
        self.assertEqual((self.activity.status, self.activity.published_at), (ActivityStatus.CANCELLED, published_at))

    def test_it_refuses_to_cancel_once_the_hours_are_confirmed(self):
        Activity.objects.filter(pk=self.activity.pk).update(hours_confirmed_at=timezone.now())
        with self.assertRefused("hours_locked", "服务时长已确认的活动不能取消"):
            services.activity_cancel(activity=self.activity)
        self.assertEqual(Activity.objects.get(pk=self.activity.pk).status, ActivityStatus.PUBLISHED)

    def test_it_checks_the_times_and_places_in_chinese(self):
        self.login_as(self.w.admin_a)
        start = timezone.now() + dt.timedelta(days=5)
        bad = self.form(ends_at=local_input(start - dt.timedelta(hours=1)), starts_at=local_input(start))
        response = self.client.post("/volunteer/activities/new/", bad)
        self.assertContains(response, "结束时间须晚于开始时间")
        self.assertFalse(Activity.objects.filter(title=bad["title"]).exists())

    def test_it_refuses_a_deadline_after_the_start(self):
        self.login_as(self.w.admin_a)
        start = timezone.now() + dt.timedelta(days=5)
        response = self.client.post(
            "/volunteer/activities/new/",
            self.form(starts_at=local_input(start), signup_deadline=local_input(start + dt.timedelta(hours=1))),
        )
        self.assertContains(response, "报名截止时间不能晚于活动开始时间")

    def test_it_edits_an_activity(self):
        self.login_as(self.w.admin_a)
        data = self.form(title="改名后的活动", places=35)
        response = self.client.post(f"/volunteer/activities/{self.activity.pk}/edit/", data)
        self.assertRedirects(response, f"/volunteer/activities/{self.activity.pk}/")
        self.activity.refresh_from_db()
        self.assertEqual((self.activity.title, self.activity.places), ("改名后的活动", 35))

    def test_it_refuses_edits_after_the_hours_are_confirmed(self):
        self.activity.hours_confirmed_at = timezone.now()
        self.activity.save()
        self.login_as(self.w.admin_a)
        response = self.client.post(f"/volunteer/activities/{self.activity.pk}/edit/", self.form(title="改不了"))
        self.assertContains(response, "服务时长已确认")
        self.activity.refresh_from_db()
        self.assertNotEqual(self.activity.title, "改不了")

    def test_it_offers_only_the_brigades_the_user_organizes(self):
        self.login_as(self.w.admin_b)
        response = self.client.post("/volunteer/activities/new/", self.form(brigade=self.brigade_a.pk))
        self.assertContains(response, "选择一个有效的选项")
        self.assertFalse(Activity.objects.filter(title="环境整治：满都海公园清洁行动").exists())
