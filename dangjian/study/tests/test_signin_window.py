"""The day's QR code signs people in only within its window, only on its day, and the
projector's full-screen view counts who has signed in."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from dangjian.core.errors import codes_of
from dangjian.study.models import DayAttendance, Mark
from dangjian.study.services import signin
from dangjian.study.services import training as services

from .helpers import StudyTestCase, aware, clock_at


class SignInWindowTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        # three days from yesterday, 09:00 start, 6 hours a day: today's window is 08:00–17:00
        self.k = self.klass(starts_on=self.today - dt.timedelta(days=1), days=3)
        self.yesterday, self.day, self.tomorrow = self.k.days.all()
        services.enrol(klass=self.k, people=[self.w.person_a], by=None, on=self.today - dt.timedelta(days=5))

    def scan(self, day, at):
        return signin.checkin(day=day, person=self.w.person_a, by=None, now=at)

    def test_the_window_runs_from_an_hour_before_to_two_hours_after_the_days_hours(self):
        opens, closes = signin.checkin_window(self.day)
        self.assertEqual((opens, closes), (aware(self.day.day, 8), aware(self.day.day, 17)))
        self.assertEqual(self.scan(self.day, aware(self.day.day, 8, 0)).status, Mark.PRESENT)

    def test_too_early_is_refused_and_says_when_it_opens(self):
        with self.assertRaisesMessage(ValidationError, "今天的签到 08:00 开始") as cm:
            self.scan(self.day, aware(self.day.day, 7, 59))
        self.assertEqual(codes_of(cm.exception), {"checkin_not_open"})
        self.assertFalse(DayAttendance.objects.exists())

    def test_too_late_is_refused_and_says_whom_to_ask(self):
        self.assertEqual(self.scan(self.day, aware(self.day.day, 17, 0)).status, Mark.LATE)
        DayAttendance.objects.all().delete()
        with self.assertRaisesMessage(ValidationError, "已于 17:00 结束") as cm:
            self.scan(self.day, aware(self.day.day, 17, 1))
        self.assertEqual(codes_of(cm.exception), {"checkin_closed"})
        self.assertFalse(DayAttendance.objects.exists())

    @override_settings(DANGJIAN={"study": {"signin_opens_minutes_before": 15, "signin_closes_minutes_after": 0}})
    def test_the_window_is_configurable(self):
        with self.assertRaises(ValidationError) as cm:
            self.scan(self.day, aware(self.day.day, 8, 40))
        self.assertEqual(codes_of(cm.exception), {"checkin_not_open"})
        with self.assertRaises(ValidationError) as cm:
            self.scan(self.day, aware(self.day.day, 15, 1))
        self.assertEqual(codes_of(cm.exception), {"checkin_closed"})
        self.assertEqual(self.scan(self.day, aware(self.day.day, 8, 45)).status, Mark.PRESENT)

    def test_the_window_never_reaches_into_the_next_day(self):
        late_class = self.klass(title="夜校", starts_on=self.today, starts_at=dt.time(22, 0))
        _, closes = signin.checkin_window(late_class.days.get())
        self.assertEqual(timezone.localtime(closes).date(), self.today)

    def test_an_old_days_link_is_refused_as_expired(self):
        with self.assertRaisesMessage(ValidationError, "已经失效") as cm:
            self.scan(self.yesterday, aware(self.day.day, 9))
        self.assertEqual(codes_of(cm.exception), {"checkin_expired"})
        self.assertFalse(DayAttendance.objects.exists())

    def test_each_day_has_its_own_link(self):
        tokens = {d.token for d in self.k.days.all()}
        self.assertEqual(len(tokens), 3)

    def test_the_phone_page_says_in_chinese_why_an_old_link_does_not_work(self):
        with clock_at(aware(self.day.day, 9, 5)):
            self.login_as(self.w.member)
            r = self.client.get(reverse("study:checkin", args=[self.yesterday.token]))
        self.assertContains(r, "已经失效")
        self.assertContains(r, "请扫描今天现场展示的签到码")
        self.assertNotContains(r, "签到成功")
        self.assertFalse(DayAttendance.objects.exists())

    def test_the_phone_page_refuses_outside_the_window(self):
        with clock_at(aware(self.day.day, 18, 30)):
            self.login_as(self.w.member)
            r = self.client.get(reverse("study:checkin", args=[self.day.token]))
        self.assertContains(r, "今天的签到已于 17:00 结束")
        self.assertFalse(DayAttendance.objects.exists())


class FullScreenViewTests(StudyTestCase):
    def setUp(self):
        super().setUp()
        self.k = self.klass(starts_on=self.today)
        self.day = self.k.days.get()
        services.enrol(klass=self.k, people=self.people(self.w.branch_a1, 3), by=None, on=self.today)
        self.first = self.k.enrolments.order_by("pk").first()

    def test_the_full_screen_view_has_no_menu_or_footer_and_polls_the_count(self):
        with clock_at(aware(self.day.day, 9, 0)):
            self.login_as(self.w.admin_a)
            r = self.client.get(reverse("study:day_detail", args=[self.day.pk]), {"display": "1"})
        html = r.content.decode()
        self.assertIn("<svg", html)
        self.assertNotIn("navbar", html)
        self.assertNotIn("<footer", html)
        count_url = reverse("study:day_count", args=[self.day.pk])
        self.assertIn(f'hx-get="{count_url}"', html)
        self.assertIn('hx-trigger="every 5s"', html)
        self.assertIn("0</span><span", html.replace("\n", ""))
        self.assertIn("/ 3 人已签到", html)
        self.assertIn("正在签到", html)

    def test_the_count_follows_the_sign_ins(self):
        signin.checkin(day=self.day, person=self.first.person, by=None, now=aware(self.day.day, 9, 40))
        with clock_at(aware(self.day.day, 9, 45)):
            self.login_as(self.w.admin_a)
            r = self.client.get(reverse("study:day_count", args=[self.day.pk]))
        self.assertContains(r, '<span class="dj-count-n">1</span>')
        self.assertContains(r, "/ 3 人已签到")
        self.assertContains(r, "其中迟到 1 人")
        self.assertNotContains(r, "<html")

    def test_the_count_says_when_sign_in_is_over(self):
        with clock_at(aware(self.day.day, 20, 0)):
            self.login_as(self.w.admin_a)
            r = self.client.get(reverse("study:day_count", args=[self.day.pk]))
        self.assertContains(r, "签到已结束")

    def test_another_organizations_admin_gets_no_count(self):
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get(reverse("study:day_count", args=[self.day.pk])).status_code, 404)
