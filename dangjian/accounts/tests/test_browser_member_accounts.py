"""Seen in a browser: accounts for members (made, slips printed, activated, logged in with the ID number)
and the role-grant picker. Screenshots at 1366 px and on a 390 px phone land in var/screenshots/member_accounts/.

Slow: marked `browser`.
"""

from __future__ import annotations

from typing import cast

import pytest
from playwright.sync_api import Page, expect

from dangjian.accounts.models import ActivationCode, RoleAssignment
from dangjian.core.testing import PASSWORD, MemberFactory, World
from dangjian.core.tests import browser_support as bs
from dangjian.people.models import Member

_skip_reason = bs.chromium_missing_reason()
SHOTS = bs.SCREENSHOT_DIR / "member_accounts"
NEW_PASSWORD = "Hongqi#2027x"


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class MemberAccountsInBrowserTests(bs.BrowserTestCase):
    SHOTS = SHOTS

    def setUp(self) -> None:
        super().setUp()
        self.w = World()
        self.people: list[Member] = [
            cast(Member, MemberFactory(name=name, org=self.w.branch_a2, unit=self.w.unit_a))
            for name in ("王建军", "王立新", "刘芳")
        ]
        self.errors: list[str] = []

    def open(self, width: int = 1366, height: int = 850) -> Page:
        return self.open_page(self.errors, width, height)

    def log_in(self, page, username: str, password: str = PASSWORD) -> None:
        page.goto(self.url("accounts:login"))
        page.get_by_label("用户名或身份证号").fill(username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()

    def test_an_administrator_makes_accounts_and_a_member_activates_and_logs_in_with_the_id_number(self) -> None:
        page = self.open()
        self.log_in(page, "admin_a")
        page.goto(self.url("accounts:member_accounts") + "?org=A02")
        expect(page.get_by_role("heading", name="党员账号")).to_be_visible()
        page.screenshot(path=str(SHOTS / "01-member-accounts.png"), full_page=True)
        page.get_by_label("选择王建军").check()
        page.get_by_label("选择刘芳").check()
        page.get_by_role("button", name="为勾选的人员建立账号").click()
        expect(page.get_by_role("heading", name="党员账号激活码（2 人）")).to_be_visible()
        page.screenshot(path=str(SHOTS / "02-slips.png"), full_page=True)
        page.emulate_media(media="print")
        page.screenshot(path=str(SHOTS / "03-slips-print.png"), full_page=True)
        # Printed: nothing but the slips (no menu, no buttons).
        self.assertFalse(page.locator(".dj-navbar").is_visible())
        self.assertFalse(page.get_by_role("button", name="打印").is_visible())
        page.emulate_media(media="screen")
        code = page.locator(".slip").filter(has_text="王建军").locator(".slip-code").inner_text()

        member = self.open(390, 844)
        member.goto(self.url("accounts:login"))
        member.get_by_role("link", name="激活账号").click()
        member.get_by_label("身份证号").fill(self.people[0].id_number)
        member.get_by_label("激活码").fill(code)
        member.get_by_label("设置密码").fill(NEW_PASSWORD)
        member.get_by_label("再次输入密码").fill(NEW_PASSWORD)
        member.screenshot(path=str(SHOTS / "04-activate-phone.png"), full_page=True)
        member.get_by_role("button", name="激活并登录").click()
        expect(member.get_by_text("账号已激活")).to_be_visible()
        self.assertIsNotNone(ActivationCode.objects.get(account__person=self.people[0]).used_at)
        member.context.clear_cookies()
        self.log_in(member, self.people[0].id_number, NEW_PASSWORD)
        expect(member.get_by_role("heading", name="王建军")).to_be_visible()
        member.screenshot(path=str(SHOTS / "05-own-record-phone.png"), full_page=True)

        phone = self.open(390, 844)
        self.log_in(phone, "admin_a")
        phone.goto(self.url("accounts:member_accounts") + "?org=A02")
        phone.screenshot(path=str(SHOTS / "06-member-accounts-phone.png"), full_page=True)
        self.assertEqual(self.errors, [])

    def test_the_grant_form_finds_the_account_by_name(self) -> None:
        from dangjian.core.testing import make_user

        account = make_user("wlx", person=self.people[1])
        page = self.open()
        self.log_in(page, "admin_a")
        page.goto(self.url("accounts:roles"))
        page.get_by_label("账号").fill("王立")
        option = page.get_by_label("王立新")
        expect(option).to_be_visible()
        page.screenshot(path=str(SHOTS / "07-grant-picker.png"), full_page=True)
        option.check()
        page.locator("#id_role").select_option("editor")
        page.locator("#id_org").select_option("A02")
        page.get_by_role("button", name="授予").click()
        expect(page.get_by_text("已授予")).to_be_visible()
        self.assertTrue(RoleAssignment.objects.filter(user=account, role="editor").exists())
        phone = self.open(390, 844)
        self.log_in(phone, "admin_a")
        phone.goto(self.url("accounts:roles"))
        phone.get_by_label("账号").fill("王")
        expect(phone.get_by_label("王立新")).to_be_visible()
        phone.screenshot(path=str(SHOTS / "08-grant-picker-phone.png"), full_page=True)
        self.assertEqual(self.errors, [])
