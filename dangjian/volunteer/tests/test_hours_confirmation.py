"""The organizer marks attendance, adjusts with a reason, confirms; confirmed hours are locked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from dangjian.volunteer import services
from dangjian.volunteer.models import HoursAdjustment, Participation, ServiceRecord

from .helpers import VolunteerTestCase, attended, make_activity, people


class HoursConfirmationTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        self.done = make_activity(self.brigade_a, starts_in=-dt.timedelta(days=1), hours=3)
        self.present = attended(self.done, self.w.person_a, hours="3.00")
        absent_member = people(self.w.branch_a1, 1, prefix="缺席")[0]
        self.absent = attended(self.done, absent_member)
        Participation.objects.filter(pk=self.absent.pk).update(checked_in_at=None, checked_out_at=None, hours=None)
        self.login_as(self.w.admin_a)

    def test_it_computes_hours_from_the_times_the_leader_marks(self):
        start = timezone.localtime(self.done.starts_at)
        self.client.post(
            f"/volunteer/activities/{self.done.pk}/participants/{self.present.pk}/attendance/",
            {
                "checked_in_at": f"{start:%Y-%m-%dT%H:%M}",
                "checked_out_at": f"{start + dt.timedelta(minutes=100):%Y-%m-%dT%H:%M}",
            },
        )
        self.present.refresh_from_db()
        self.assertEqual(self.present.hours, Decimal("1.50"))
        self.assertEqual(self.present.marked_by, self.w.admin_a)

    def test_it_adjusts_hours_only_with_a_reason_and_keeps_the_old_figure(self):
        url = f"/volunteer/activities/{self.done.pk}/participants/{self.present.pk}/hours/"
        response = self.client.post(url, {"hours": "4", "reason": ""}, follow=True)
        self.assertContains(response, "调整原因")
        self.assertFalse(HoursAdjustment.objects.exists())
        self.client.post(url, {"hours": "4", "reason": "活动延长一小时，负责人现场确认"})
        adjustment = HoursAdjustment.objects.get()
        self.assertEqual((adjustment.old_hours, adjustment.new_hours), (Decimal("3.00"), Decimal("4.00")))
        self.assertEqual(adjustment.reason, "活动延长一小时，负责人现场确认")
        self.assertEqual(adjustment.adjusted_by, self.w.admin_a)
        page = self.client.get(f"/volunteer/activities/{self.done.pk}/").content.decode()
        self.assertIn("活动延长一小时", page)

    def test_it_writes_a_record_for_each_attendee_on_confirmation(self):
        response = self.client.post(f"/volunteer/activities/{self.done.pk}/confirm/", follow=True)
        self.assertContains(response, "服务时长已确认")
        record = ServiceRecord.objects.get()
        self.assertEqual(record.volunteer.member, self.w.person_a)
        self.assertEqual(record.hours, Decimal("3.00"))
        self.assertEqual(record.recorded_by, self.w.admin_a)
        self.assertEqual(record.corps, self.corps)  # whoever organizes records
        self.assertIn(self.done.title, record.content)

    def test_it_locks_the_hours_after_confirmation(self):
        services.hours_confirm(activity=self.done, by=self.w.admin_a)
        with self.assertRefused("hours_locked", "已确认并记入志愿服务记录"):
            services.hours_adjust(participation=self.present, hours=Decimal(5), reason="想改", by=self.w.admin_a)
        with self.assertRefused("hours_locked", "已确认"):
            services.attendance_mark(participation=self.present, checked_in_at=None, checked_out_at=None, by=None)
        with self.assertRefused("hours_locked", "已确认"):
            services.hours_confirm(activity=self.done, by=self.w.admin_a)
        self.assertEqual(ServiceRecord.objects.get().hours, Decimal("3.00"))

    def test_it_does_not_confirm_before_the_activity_ends(self):
        with self.assertRefused("activity_not_ended", "活动结束后"):
            services.hours_confirm(activity=self.activity, by=self.w.admin_a)

    def test_it_names_those_checked_in_but_not_out(self):
        Participation.objects.filter(pk=self.present.pk).update(checked_out_at=None, hours=None)
        with self.assertRefused("hours_missing", "张建国"):
            services.hours_confirm(activity=self.done, by=self.w.admin_a)
        self.assertFalse(ServiceRecord.objects.exists())

    def test_it_refuses_implausible_hours(self):
        with self.assertRefused("hours_out_of_range", "服务时长应在 0 至"):
            services.hours_adjust(participation=self.present, hours=Decimal(30), reason="笔误", by=self.w.admin_a)

    def test_it_refuses_a_member_who_is_not_the_organizer(self):
        self.login_as(self.w.member)
        self.assertEqual(self.client.post(f"/volunteer/activities/{self.done.pk}/confirm/").status_code, 404)
        self.assertFalse(ServiceRecord.objects.exists())
