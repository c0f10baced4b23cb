"""Seen in a browser: the ballot page on a 390 px phone (no login, a tap per secretary, the
refusal of a second ballot) and the printed QR slips. Screenshots land in var/screenshots/evaluation/.

Slow: marked `browser`; `make test` runs it in the SQLite pass only.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Playwright, sync_playwright

from dangjian.core.testing import World
from dangjian.core.tests import browser_support as bs
from dangjian.evaluation import selectors, services
from dangjian.evaluation.models import Ballot
from dangjian.people.models import Post, PostTitle

from .helpers import person

_skip_reason = bs.chromium_missing_reason()
SHOTS = bs.SCREENSHOT_DIR / "evaluation"
PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class BallotBrowserTests(StaticLiveServerTestCase):
    playwright: Playwright
    browser: Browser

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        cls.addClassCleanup(lambda: os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None) if previous is None else None)
        cls.playwright = sync_playwright().start()
        cls.addClassCleanup(cls.playwright.stop)
        cls.browser = bs.launch(cls.playwright)
        cls.addClassCleanup(cls.browser.close)
        shutil.rmtree(SHOTS, ignore_errors=True)
        SHOTS.mkdir(parents=True, exist_ok=True)

    def setUp(self) -> None:
        super().setUp()
        self.w = World()
        for org in (self.w.org_a, self.w.branch_a1, self.w.org_b, self.w.branch_b1):
            Post.objects.create(
                member=person(org=org), org=org, title=PostTitle.SECRETARY, started_on=dt.date(2020, 1, 1)
            )
        self.round = services.round_create(
            scope=self.w.committee, year=timezone.localdate().year, title="年度基层党组织书记述职评议",
            deadline=timezone.now() + dt.timedelta(days=3),
        )  # fmt: skip
        self.evaluator = services.evaluator_add(round_=self.round, name="王评议")
        self.csp_errors: list[str] = []

    def test_an_evaluator_votes_on_a_phone_without_logging_in_and_cannot_vote_twice(self):
        context = self.browser.new_context(locale="zh-CN", viewport=PHONE, device_scale_factor=1)
        self.addCleanup(context.close)
        page = context.new_page()
        page.on("console", lambda m: self.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
        url = f"{self.live_server_url}/evaluation/b/{selectors.token_for(self.evaluator)}/"
        page.goto(url)
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        bs.screenshot(page, "evaluation/ballot_phone.png")
        labels = page.locator("label.btn", has_text="较好")
        for i in range(labels.count()):
            labels.nth(i).click()
        page.get_by_role("button", name="提交评议票").click()
        page.get_by_text("投票成功").wait_for()
        bs.screenshot(page, "evaluation/ballot_done.png")
        self.assertEqual(Ballot.objects.count(), 1)
        page.goto(url)
        page.get_by_text("只能投票一次").wait_for()
        self.assertEqual(page.locator("form button[type=submit]").count(), 0)
        self.assertEqual(self.csp_errors, [])

    def test_the_qr_slips_print_one_code_per_evaluator(self):
        services.evaluator_add(round_=self.round, name="李评议", kind="leader")
        client = Client()
        client.force_login(self.w.staff)
        context = self.browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 900})
        self.addCleanup(context.close)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.live_server_url}])
        page = context.new_page()
        page.goto(f"{self.live_server_url}/evaluation/{self.round.pk}/slips/")
        self.assertEqual(page.locator(".ev-qr svg").count(), 2)
        box = page.locator(".ev-qr svg").first.bounding_box()
        assert box is not None
        self.assertGreater(box["width"], 100)
        bs.screenshot(page, "evaluation/slips.png")
        page.emulate_media(media="print")
        self.assertFalse(page.locator("nav.navbar").is_visible())
