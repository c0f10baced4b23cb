"""The pages committee staff use: bad input comes back in Chinese with nothing written."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from dangjian.liaison.models import FollowUp, LectureAttendance, LiaisonPoint, MobileLecture, Visit

from .helpers import LiaisonTestCase, day


class PageTests(LiaisonTestCase):
    def setUp(self):
        super().setUp()
        self.login_as(self.w.staff)

    def test_staff_pair_a_cadre_through_the_form(self):
        response = self.client.post(
            reverse("liaison:point_new"),
            {"cadre": self.cadre.pk, "org": self.w.branch_a1.pk, "started_on": "2024-01-01", "ended_on": "2024-12-31"},
        )
        point = LiaisonPoint.objects.get()
        self.assertRedirects(response, reverse("liaison:point_detail", args=[point.pk]))
        page = self.client.get(reverse("liaison:point_detail", args=[point.pk]))
        self.assertContains(page, "王书记")
        self.assertContains(page, "2024-01-01 至 2024-12-31")

    def test_a_reversed_period_or_a_duplicate_is_refused_in_chinese(self):
        url = reverse("liaison:point_new")
        data = {
            "cadre": self.cadre.pk,
            "org": self.w.branch_a1.pk,
            "started_on": "2024-06-01",
            "ended_on": "2024-05-01",
        }
        self.assertContains(self.client.post(url, data), "联系结束日期不能早于开始日期")
        self.assertFalse(LiaisonPoint.objects.exists())
        self.point(start=dt.date(2024, 1, 1))
        data["ended_on"] = ""
        self.assertContains(self.client.post(url, data), "时间重叠")
        self.assertEqual(LiaisonPoint.objects.count(), 1)

    def test_a_visit_in_the_future_is_refused_and_nothing_is_written(self):
        point = self.point(start=day(1))
        tomorrow = timezone.localdate() + dt.timedelta(days=1)
        response = self.client.post(
            reverse("liaison:visit_new", args=[point.pk]),
            {"visited_on": tomorrow.isoformat(), "found": "情况", "followups": "整改一\n整改二"},
        )
        self.assertContains(response, "走访日期不能晚于今天")
        self.assertContains(response, "未保存任何修改")
        self.assertFalse(Visit.objects.exists())
        self.assertFalse(FollowUp.objects.exists())

    def test_a_visit_is_logged_and_its_follow_up_closed(self):
        point = self.point(start=day(1))
        self.client.post(
            reverse("liaison:visit_new", args=[point.pk]),
            {"visited_on": day(3).isoformat(), "found": "制度未上墙", "followups": "制度上墙"},
        )
        item = FollowUp.objects.get()
        self.client.post(reverse("liaison:followup_close", args=[item.pk]), {"note": "已上墙"})
        item.refresh_from_db()
        self.assertFalse(item.is_open)
        self.assertContains(self.client.get(reverse("liaison:point_detail", args=[point.pk])), "已上墙")

    def test_an_attendee_off_the_roster_is_refused(self):
        lecture = self.lecture(org=self.w.branch_a1)
        url = reverse("liaison:lecture_attendance", args=[lecture.pk])
        page = self.client.get(url)
        self.assertContains(page, "张建国")
        self.assertNotContains(page, "李红梅")
        response = self.client.post(url, {"members": [self.w.person_a.pk, self.w.person_b.pk]})
        self.assertContains(response, "不在该组织的名册上")
        self.assertFalse(LectureAttendance.objects.exists())
        self.client.post(url, {"members": [self.w.person_a.pk]})
        self.assertEqual(LectureAttendance.objects.get().member, self.w.person_a)

    def test_a_request_is_scheduled_into_a_lecture(self):
        from dangjian.liaison import services

        req = services.request_file(org=self.w.branch_a1, topic="党章学习")
        response = self.client.post(
            reverse("liaison:request_schedule", args=[req.pk]),
            {"topic": "党章学习", "lecturer": "王教授", "org": self.w.branch_a1.pk, "held_on": "2024-05-01"},
        )
        lecture = MobileLecture.objects.get()
        self.assertRedirects(response, reverse("liaison:lecture_detail", args=[lecture.pk]))
        req.refresh_from_db()
        self.assertEqual(req.lecture, lecture)
