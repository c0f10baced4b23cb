"""Taking a member off the roster from the web (去世, 出党 …): the 移出名册 page."""

from __future__ import annotations

import datetime as dt

from dangjian.accounts.models import User
from dangjian.people.models import Member, Post, PostTitle, Transfer

from .helpers import RosterTestCase

DAY = dt.date(2025, 6, 1)


class LeavePageTests(RosterTestCase):
    def url(self, member=None) -> str:
        return f"/members/{(member or self.w.person_a).pk}/leave/"

    def post(self, **data):
        return self.client.post(self.url(), {"reason": "去世", "left_on": DAY.isoformat(), "note": "", **data})

    def test_a_death_takes_the_member_off_the_roster_and_turns_their_account_off(self):
        Post.objects.create(
            member=self.w.person_a, org=self.w.branch_a1, title=PostTitle.SECRETARY, started_on="2024-01-01"
        )
        self.login_as(self.w.admin_a)
        self.assertContains(self.client.get(f"/members/{self.w.person_a.pk}/"), "移出名册")
        response = self.post(note="2025年5月30日病故")
        self.assertRedirects(response, "/members/", fetch_redirect_response=False)
        left = Member.everyone.get(pk=self.w.person_a.pk)
        self.assertEqual((left.left_on, left.left_reason), (DAY, "去世：2025年5月30日病故"))
        self.assertFalse(Member.objects.filter(pk=left.pk).exists())
        self.assertEqual(Post.objects.get(member=left).ended_on, DAY)  # the post ends that day
        self.assertFalse(User.objects.get(pk=self.w.member.pk).is_active)  # the member's own login is off
        self.assertFalse(Transfer.objects.filter(member=left).exists())  # not a move to another organization
        self.assertTrue(self.audit("account_disabled").filter(object_pk=str(self.w.member.pk)).exists())

    def test_bad_input_is_refused_in_chinese_and_changes_nothing(self):
        self.login_as(self.w.admin_a)
        for data, field, words in (
            ({"reason": ""}, "reason", ""),
            ({"reason": "不存在的原因"}, "reason", ""),
            ({"left_on": (dt.date.today() + dt.timedelta(days=2)).isoformat()}, "__all__", "不能晚于今天"),
        ):
            with self.subTest(data=data):
                response = self.post(**data)
                self.assertEqual(response.status_code, 200)
                form = response.context["form"]
                self.assertIn(field, form.errors)
                self.assertContains(response, words)
        self.assertTrue(Member.objects.filter(pk=self.w.person_a.pk).exists())
        self.assertTrue(User.objects.get(pk=self.w.member.pk).is_active)

    def test_another_organizations_administrator_is_refused_and_recorded(self):
        self.login_as(self.w.admin_b)
        self.assertDeniedAndRecorded(self.post(), self.w.admin_b)
        self.assertTrue(Member.objects.filter(pk=self.w.person_a.pk).exists())
