import datetime as dt

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from dangjian.core.errors import codes_of
from dangjian.study.models import DayAttendance, Mark
from dangjian.study.services import signin
from dangjian.study.services import training as services

from .helpers import StudyTestCase, aware, clock_at


class QrSignInTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.k = self.klass(starts_on=self.today - dt.timedelta(days=1), days=3)
        self.day1, self.day2, self.day3 = self.k.days.all()
        services.enrol(klass=self.k, people=[self.w.person_a], by=None, on=self.today - dt.timedelta(days=5))

    def test_signing_in_before_the_grace_period_ends_is_present(self):
        mark = signin.checkin(day=self.day2, person=self.w.person_a, by=None, now=aware(self.day2.day, 9, 15))
        self.assertEqual(mark.status, Mark.PRESENT)

    def test_signing_in_after_the_grace_period_is_late(self):
        mark = signin.checkin(day=self.day2, person=self.w.person_a, by=None, now=aware(self.day2.day, 9, 16))
        self.assertEqual(mark.status, Mark.LATE)

    @override_settings(DANGJIAN={"study": {"signin_grace_minutes": 30}})
    def test_the_grace_period_is_configurable(self):
        mark = signin.checkin(day=self.day2, person=self.w.person_a, by=None, now=aware(self.day2.day, 9, 25))
        self.assertEqual(mark.status, Mark.PRESENT)

    def test_the_code_works_only_on_its_day(self):
        with self.assertRaisesMessage(ValidationError, "当天有效") as cm:
            signin.checkin(day=self.day3, person=self.w.person_a, by=None, now=aware(self.day2.day, 9))
        self.assertEqual(codes_of(cm.exception), {"checkin_wrong_day"})

    def test_someone_not_enrolled_cannot_sign_in(self):
        with self.assertRaisesMessage(ValidationError, "没有报名") as cm:
            signin.checkin(day=self.day2, person=self.w.person_b, by=None, now=aware(self.day2.day, 9))
        self.assertEqual(codes_of(cm.exception), {"checkin_not_enrolled"})

    def test_signing_in_twice_keeps_the_first_time(self):
        first = signin.checkin(day=self.day2, person=self.w.person_a, by=None, now=aware(self.day2.day, 8, 50))
        again = signin.checkin(day=self.day2, person=self.w.person_a, by=None, now=aware(self.day2.day, 10, 0))
        self.assertEqual((again.pk, again.status), (first.pk, Mark.PRESENT))
        e = self.k.enrolments.get()
        self.assertEqual((e.days_attended, e.hours_attended), (1, 6))

    def test_opening_the_code_on_the_phone_signs_the_member_in(self):
        url = reverse("study:checkin", args=[self.day2.token])
        with clock_at(aware(self.day2.day, 9, 5)):
            self.login_as(self.w.member)
            r = self.client.get(url)
            self.assertContains(r, "签到成功")
            self.assertContains(r, 'name="viewport"')
            self.assertTrue(DayAttendance.objects.filter(day=self.day2, status__in=["present", "late"]).exists())
            self.assertContains(self.client.get(url), "签到成功")  # again: still the one mark
        self.assertEqual(DayAttendance.objects.filter(day=self.day2).count(), 1)

    def test_the_page_says_why_someone_cannot_sign_in(self):
        self.login_as(self.w.member)
        r = self.client.get(reverse("study:checkin", args=[self.day3.token]))
        self.assertContains(r, "当天有效")
        self.assertFalse(DayAttendance.objects.exists())

    def test_an_anonymous_visitor_is_sent_to_log_in_first(self):
        url = reverse("study:checkin", args=[self.day2.token])
        r = self.client.get(url)
        self.assertEqual(r.status_code, 302)
        self.assertIn("next=", r["Location"])

    def test_the_day_page_shows_the_qr_code_of_the_sign_in_address(self):
        self.login_as(self.w.admin_a)
        r = self.client.get(reverse("study:day_detail", args=[self.day2.pk]))
        self.assertContains(r, "<svg")
        self.assertContains(r, f"/study/checkin/{self.day2.token}/")

    def test_a_wrong_token_is_a_recorded_404(self):
        self.login_as(self.w.member)
        self.assertEqual(self.client.get(reverse("study:checkin", args=["nope"])).status_code, 404)

    def test_manual_marking_needs_reasons_and_updates_hours(self):
        self.login_as(self.w.admin_a)
        url = reverse("study:day_detail", args=[self.day1.pk])
        r = self.client.post(url, {f"mark_{self.w.person_a.pk}": "excused"})
        self.assertContains(r, "请假须填写原因")
        self.client.post(url, {f"mark_{self.w.person_a.pk}": "late"})
        e = self.k.enrolments.get()
        self.assertEqual(e.days_attended, 1)
        self.assertEqual(DayAttendance.objects.get(day=self.day1).method, "manual")
