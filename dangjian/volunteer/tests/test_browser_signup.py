"""Seen in a browser, on a phone: a member presses 我要报名 and the answer replaces the sign-up
box in place (htmx), with the cancel button; a refused press says why in the same box.
Screenshots land in var/screenshots/ (signup-*.png)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dangjian.core.testing import PASSWORD, World
from dangjian.core.tests import browser_support as bs
from dangjian.volunteer.models import Activity, Participation

from .helpers import make_activity, make_brigade, make_corps

_skip_reason = bs.chromium_missing_reason()


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class SignupInBrowserTests(bs.BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.w = World()
        self.activity = make_activity(make_brigade(make_corps(self.w.committee), self.w.org_a))

    def open_activity(self, errors: list[str], width: int = 390, height: int = 844):
        page = self.open_page(errors, width=width, height=height)
        page.goto(self.url("accounts:login"))
        page.get_by_label("用户名").fill("member")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        page.goto(self.url("volunteer:activity_detail", self.activity.pk))
        return page

    def test_pressing_sign_up_answers_in_place_with_the_cancel_button(self) -> None:
        errors: list[str] = []
        page = self.open_activity(errors)
        bs.screenshot(page, "signup-1-before.png")
        address = page.url
        page.get_by_role("button", name="我要报名").click()
        box = page.locator("#signup")
        expect(box.get_by_text("报名成功")).to_be_visible()
        expect(box.get_by_role("button", name="取消报名")).to_be_visible()
        expect(page.locator("#places-line")).to_contain_text("已报名 1 人")
        self.assertEqual(page.url, address)  # no reload
        bs.screenshot(page, "signup-2-answered.png")
        self.assertTrue(
            Participation.objects.filter(activity=self.activity, volunteer__member=self.w.person_a).exists()
        )
        self.assertEqual(errors, [])

    def test_a_press_after_the_deadline_says_why_in_the_box(self) -> None:
        errors: list[str] = []
        page = self.open_activity(errors)
        # Sign-up closes while the page is open on the phone.
        Activity.objects.filter(pk=self.activity.pk).update(signup_deadline=timezone.now() - dt.timedelta(minutes=1))
        page.get_by_role("button", name="我要报名").click()
        box = page.locator("#signup")
        expect(box.get_by_text("报名已于")).to_be_visible()
        expect(box.get_by_text("报名已截止")).to_be_visible()
        expect(box.get_by_role("button", name="我要报名")).to_have_count(0)
        bs.screenshot(page, "signup-3-refused.png")
        self.assertFalse(Participation.objects.filter(activity=self.activity).exists())
        self.assertEqual(errors, [])

    def test_the_answer_in_place_at_a_desktop_width(self) -> None:
        errors: list[str] = []
        page = self.open_activity(errors, width=1366, height=850)
        page.get_by_role("button", name="我要报名").click()
        expect(page.locator("#signup").get_by_text("报名成功")).to_be_visible()
        expect(page.locator("#places-line")).to_contain_text("剩余 29 个")
        bs.screenshot(page, "signup-4-desktop.png")
        self.assertEqual(errors, [])
