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


class SignupInPlaceTests(VolunteerTestCase):
    """The sign-up button posts with htmx: the answer replaces the sign-up box, no page reload."""

    def setUp(self):
        super().setUp()
        self.login_as(self.w.member)
        self.url = f"/volunteer/activities/{self.activity.pk}/"

    def press(self, activity_pk: int):
        return self.client.post(f"/volunteer/activities/{activity_pk}/signup/", headers={"HX-Request": "true"})

    def test_the_button_posts_in_place(self):
        page = self.client.get(self.url).content.decode()
        self.assertIn(f'hx-post="{self.url}signup/"', page)
        self.assertIn('hx-target="#signup"', page)

    def test_it_answers_with_the_box_showing_the_place_and_the_cancel_button(self):
        response = self.press(self.activity.pk)
        self.assertEqual(response.status_code, 200)
        box = response.content.decode()
        self.assertIn('id="signup"', box)
        self.assertNotIn("<html", box)  # the box alone
        self.assertIn("报名成功", box)
        self.assertIn("您已报名，获得名额", box)
        self.assertIn("取消报名", box)
        self.assertNotIn("我要报名", box)
        self.assertTrue(
            Participation.objects.filter(activity=self.activity, volunteer__member=self.w.person_a).exists()
        )
        # The places line above the box follows (out of band).
        self.assertIn('id="places-line" hx-swap-oob="true"', box)
        self.assertIn("已报名 1 人", box)
        # The answer is in the box, not kept for the next page as well.
        self.assertNotIn("报名成功", self.client.get(self.url).content.decode())

    def test_a_full_activity_answers_with_the_place_in_line(self):
        full = make_activity(self.brigade_a, places=1)
        services.signup(activity_id=full.pk, member=people(self.w.branch_a1, 1)[0])
        box = self.press(full.pk).content.decode()
        self.assertIn("候补名单第 1 位", box)
        self.assertIn("alert-warning", box)

    def test_a_refusal_comes_back_in_the_box_with_what_the_box_now_shows(self):
        closed = make_activity(self.brigade_a, deadline=timezone.now() - dt.timedelta(hours=1))
        box = self.press(closed.pk).content.decode()
        self.assertIn("报名已于", box)
        self.assertIn("alert-danger", box)
        self.assertIn("报名已截止", box)
        self.assertFalse(Participation.objects.filter(activity=closed).exists())

    def test_signing_up_twice_says_so_and_keeps_one_sign_up(self):
        self.press(self.activity.pk)
        box = self.press(self.activity.pk).content.decode()
        self.assertIn("已报名", box)
        self.assertIn("取消报名", box)
        self.assertEqual(Participation.objects.filter(activity=self.activity).count(), 1)
