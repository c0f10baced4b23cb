"""Seen in a browser: the three administrators at work, and the pages under the
Content-Security-Policy (no inline script or style may be blocked). Screenshots
land in var/screenshots/admin/.

Slow: marked `browser`.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dangjian.core.testing import PASSWORD, MemberFactory, World
from dangjian.core.tests import browser_support as bs

_skip_reason = bs.chromium_missing_reason()
SHOTS = bs.SCREENSHOT_DIR / "admin"


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class AdministratorsInBrowserTests(bs.BrowserTestCase):
    SHOTS = SHOTS

    def setUp(self) -> None:
        super().setUp()
        self.w = World()
        MemberFactory(name="王建军", org=self.w.branch_a2, unit=self.w.unit_a)
        self.blocked: list[str] = []  # CSP violations, script errors, failed loads
        self.page = self.open_page(self.blocked)
        self.context = self.page.context

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / name), full_page=True)

    def log_in(self, username: str) -> None:
        self.page.goto(self.url("accounts:login"))
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(PASSWORD)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_load_state()

    def test_committee_staff_pages_work_under_the_content_security_policy(self) -> None:
        self.log_in("staff")
        page = self.page
        page.goto(self.url("orgs:tree"))
        badge = page.locator(".kb-committee").first
        expect(badge).to_be_visible()
        # The badge styles moved from an inline <style> to dangjian.css: still applied.
        self.assertEqual(badge.evaluate("e => getComputedStyle(e).backgroundColor"), "rgb(183, 28, 28)")
        page.goto(self.url("people:list"))
        page.locator("#member-filter input[name=q]").fill("zjg")
        page.locator("#member-filter input[name=q]").press("Enter")
        expect(page.get_by_role("link", name="张建国")).to_be_visible()
        self.assertNotIn("status=", page.url)  # dangjian.js dropped the empty filters
        page.goto(self.url("core:dashboard"))
        self.shot("01-staff-dashboard.png")
        # Swagger UI (django-ninja, served from static files) runs under the policy too.
        page.goto(f"{self.live_server_url}/api/v1/docs")
        expect(page.locator(".swagger-ui .info").first).to_be_visible()
        self.assertEqual(self.blocked, [])

    def test_the_system_administrator_creates_an_account_from_the_roster(self) -> None:
        self.log_in("sysadmin")
        page = self.page
        expect(page.get_by_role("heading", name="账号管理")).to_be_visible()
        self.shot("02-sysadmin-accounts.png")
        page.get_by_role("link", name="新建账号").first.click()
        page.get_by_placeholder(re.compile("拼音首字母")).fill("wjj")
        page.get_by_role("button", name="查找").click()
        page.get_by_role("link", name=re.compile("王建军")).click()
        page.get_by_label("用户名").fill("wangjj")
        self.shot("03-sysadmin-new-account.png")
        page.get_by_role("button", name="建立账号").click()
        expect(page.get_by_text("账号已建立")).to_be_visible()
        expect(page.get_by_text("看不到任何账号的密码")).to_be_visible()  # 三员分立
        self.shot("04-sysadmin-account-created.png")
        # The person's organization confirms and is shown the password once.
        self.context.clear_cookies()
        self.log_in("admin_a")
        page.goto(self.url("accounts:credentials"))
        page.on("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="确认并生成密码").click()
        expect(page.get_by_text("只显示这一次")).to_be_visible()
        self.shot("04b-owner-password-issued.png")
        page.goto(self.url("accounts:roles"))
        expect(page.get_by_role("cell", name=re.compile("admin_a"))).to_be_visible()
        self.shot("05-roles.png")
        self.assertEqual(self.blocked, [])

    def test_the_security_administrator_requires_a_second_factor(self) -> None:
        self.log_in("secadmin")
        page = self.page
        expect(page.get_by_role("heading", name="安全策略")).to_be_visible()
        page.get_by_label("党组织管理员").check()
        page.get_by_label("无操作自动退出（分钟）").fill("20")
        self.shot("06-secadmin-policy.png")
        page.get_by_role("button", name="保存策略").click()
        expect(page.get_by_text("安全策略已保存")).to_be_visible()
        page.goto(self.url("accounts:lockouts"))
        self.shot("07-secadmin-lockouts.png")
        self.assertEqual(self.blocked, [])
        # An organization administrator must now enrol a phone first: the QR code is drawn here.
        self.context.clear_cookies()
        self.log_in("admin_a")
        expect(page.get_by_text("要求您的角色在登录时使用动态口令").first).to_be_visible()
        qr = page.locator(".otp-qr svg")
        expect(qr).to_be_visible()
        box = qr.bounding_box()
        self.assertIsNotNone(box)
        self.assertGreater(box["width"] if box else 0, 120)
        self.shot("08-otp-enrol.png")
        self.assertEqual(self.blocked, [])

    def test_the_auditor_searches_the_trail_on_a_phone(self) -> None:
        self.log_in("auditor")
        page = self.page
        expect(page.get_by_role("heading", name="审计日志")).to_be_visible()
        page.set_viewport_size({"width": 390, "height": 844})
        page.get_by_label("账号").fill("auditor")
        page.get_by_role("button", name="查询").click()
        expect(page.get_by_role("cell", name="登录").first).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        self.assertLessEqual(overflow, 0)
        self.shot("09-auditor-phone.png")
        self.assertEqual(self.blocked, [])
