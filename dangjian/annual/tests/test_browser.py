"""Seen in a browser: the drafted report on a desktop and on a 390px phone, its figures links.
Slow: marked `browser`. Screenshots land in var/screenshots/annual-*.png."""

from __future__ import annotations

import os

import pytest
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.urls import reverse
from playwright.sync_api import Browser, Playwright, expect, sync_playwright

from dangjian.annual import services
from dangjian.core.testing import PASSWORD, World
from dangjian.core.tests import browser_support as bs

from .helpers import YEAR

_skip_reason = bs.chromium_missing_reason()


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class ReportInBrowserTests(StaticLiveServerTestCase):
    playwright: Playwright
    browser: Browser

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        cls.addClassCleanup(cls.restore_env, "DJANGO_ALLOW_ASYNC_UNSAFE", previous)
        cls.playwright = sync_playwright().start()
        cls.addClassCleanup(cls.playwright.stop)
        cls.browser = bs.launch(cls.playwright)
        cls.addClassCleanup(cls.browser.close)
        bs.SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def restore_env(name: str, value: str | None) -> None:
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value

    def test_the_report_reads_on_a_desktop_and_a_phone(self) -> None:
        w = World()
        report = services.report_create(org=w.committee, year=YEAR, by=w.staff)
        for name, viewport in (("desktop", {"width": 1366, "height": 850}), ("phone", {"width": 390, "height": 844})):
            context = self.browser.new_context(locale="zh-CN", viewport=viewport)  # type: ignore[arg-type]
            page = context.new_page()
            page.goto(f"{self.live_server_url}{reverse('accounts:login')}")
            page.get_by_label("用户名").fill("staff")
            page.get_by_label("密码").fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.wait_for_load_state()
            page.goto(f"{self.live_server_url}{reverse('annual:report', args=[report.pk])}")
            expect(page.get_by_role("heading", name=report.title).first).to_be_visible()
            self.assertTrue(bs.renders_chinese(page))
            figure = page.locator("a.annual-figure").first
            expect(figure).to_be_visible()
            self.assertIn("/study/records/", figure.get_attribute("href") or "")
            width = page.evaluate("document.documentElement.scrollWidth")
            self.assertLessEqual(width, viewport["width"] + 1, "the page scrolls sideways")
            bs.screenshot(page, f"annual-{name}.png")
            context.close()
