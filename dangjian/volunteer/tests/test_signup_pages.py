"""The phone-sized activity page: what a member sees and the buttons they press."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangjian.volunteer import services
from dangjian.volunteer.models import Participation

from .helpers import VolunteerTestCase, make_activity, people


class SignupPageTests(VolunteerTestCase):
    def setUp(self):
        super().setUp()
        self.login_as(self.w.member)
        self.url = f"/volunteer/activities/{self.activity.pk}/"

    def test_it_shows_the_activity_with_a_sign_up_button_sized_for_a_phone(self):
        page = self.client.get(self.url).content.decode()
        self.assertIn('name="viewport"', page)
        self.assertIn(self.activity.title, page)
        self.assertIn("我要报名", page)
        self.assertIn("btn-lg w-100", page)

    def test_it_signs_the_member_up_and_says_so(self):
        response = self.client.post(f"{self.url}signup/", follow=True)
        self.assertContains(response, "报名成功")
        self.assertContains(response, "您已报名，获得名额")
        self.assertContains(response, "取消报名")
        self.assertTrue(
            Participation.objects.filter(activity=self.activity, volunteer__member=self.w.person_a).exists()
        )

    def test_it_shows_the_place_in_the_waiting_list(self):
        full = make_activity(self.brigade_a, places=1)
        services.signup(activity_id=full.pk, member=people(self.w.branch_a1, 1)[0])
        page = self.client.get(f"/volunteer/activities/{full.pk}/").content.decode()
        self.assertIn("报名候补", page)
        response = self.client.post(f"/volunteer/activities/{full.pk}/signup/", follow=True)
        self.assertContains(response, "候补名单第 1 位")

    def test_it_cancels_from_the_same_page(self):
        self.client.post(f"{self.url}signup/")
        response = self.client.post(f"{self.url}withdraw/", follow=True)
        self.assertContains(response, "已取消报名")
        self.assertEqual(Participation.objects.get(activity=self.activity).status, "cancelled")

    def test_it_says_sign_up_has_closed_after_the_deadline(self):
        closed = make_activity(self.brigade_a, deadline=timezone.now() - dt.timedelta(hours=1))
        page = self.client.get(f"/volunteer/activities/{closed.pk}/").content.decode()
        self.assertIn("报名已截止", page)
        self.assertNotIn("我要报名", page)
        response = self.client.post(f"/volunteer/activities/{closed.pk}/signup/", follow=True)
        self.assertContains(response, "报名已于")

    def test_it_does_not_show_other_volunteers_names_to_a_member(self):
        other = people(self.w.branch_a1, 1, prefix="邻座")[0]
        services.signup(activity_id=self.activity.pk, member=other)
        page = self.client.get(self.url).content.decode()
        self.assertNotIn("邻座000", page)
        self.assertNotIn("组织管理", page)

    def test_it_lists_open_activities_for_a_member(self):
        page = self.client.get("/volunteer/activities/").content.decode()
        self.assertIn("正在招募", page)
        self.assertIn(self.activity.title, page)
