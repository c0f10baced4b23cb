"""Seen in a browser: the projector's full-screen sign-in code with its live count, and the
pages a secretary prints (a roster, the compliance list, a meeting record) on A4 without the
menu, filters or buttons and with every column. Screenshots land in var/screenshots/study/.

Slow: marked `browser`; `make test` runs it in the SQLite pass only.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from dangjian.core.testing import MemberFactory, World
from dangjian.core.tests import browser_support as bs
from dangjian.people.models import Member
from dangjian.study.models import Mark, MeetingKind
from dangjian.study.services import org_life, signin
from dangjian.study.services import training as services
from dangjian.study.services.marks import MarkIn

from .helpers import this_minute

_skip_reason = bs.chromium_missing_reason()
SHOTS = bs.SCREENSHOT_DIR / "study"
A4_PORTRAIT = (595, 842)  # points
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class PrintAndSignInBrowserTests(bs.BrowserTestCase):
    SHOTS = SHOTS

    def setUp(self) -> None:
        super().setUp()
        self.w = World()
        self.csp_errors: list[str] = []

    def page_as(self, user, viewport=LAPTOP) -> Page:
        client = Client()
        client.force_login(user)
        context = self.browser.new_context(locale="zh-CN", viewport=viewport, device_scale_factor=1)
        self.addCleanup(context.close)
        context.set_default_timeout(15_000)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.live_server_url}])
        page = context.new_page()
        page.on("console", self.note_csp_error)
        return page

    def note_csp_error(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    def shot(self, page: Page, name: str, full_page: bool = True) -> None:
        page.screenshot(path=str(SHOTS / name), full_page=full_page)

    # ------------------------------------------------------------ sign-in

    def test_the_full_screen_code_fills_the_screen_and_counts_sign_ins_live(self) -> None:
        today = timezone.localdate()
        klass = services.class_create(
            org=self.w.org_a,
            title="党支部书记培训班",
            venue_kind="party_school",
            starts_on=today,
            ends_on=today,
            hours=Decimal(6),
            by=None,
            starts_at=this_minute(),
        )
        people: list[Member] = [self.w.person_a, *(MemberFactory.create(org=self.w.branch_a1) for _ in range(4))]
        services.enrol(klass=klass, people=people, by=None, on=today)
        day = klass.days.get()
        page = self.page_as(self.w.admin_a)
        page.goto(self.url("study:day_detail", day.pk, query="?display=1"))
        expect(page.get_by_text("/ 5 人已签到")).to_be_visible()
        self.assertEqual(page.locator("nav, footer, .dj-navbar").count(), 0)
        box = page.locator(".dj-display-qr svg").bounding_box()
        assert box is not None
        self.assertGreater(box["height"], LAPTOP["height"] * 0.75)  # as big as the screen allows
        self.assertLessEqual(page.evaluate("document.documentElement.scrollHeight"), LAPTOP["height"])
        self.shot(page, "signin-display-1366.png", full_page=False)

        signin.checkin(day=day, person=self.w.person_a, by=None)
        expect(page.locator(".dj-count-n")).to_have_text("1", timeout=12_000)  # htmx polls every 5 s
        self.shot(page, "signin-display-1366-after.png", full_page=False)

        phone = self.page_as(self.w.admin_a, PHONE)
        phone.goto(self.url("study:day_detail", day.pk, query="?display=1"))
        expect(phone.locator(".dj-count-n")).to_have_text("1")
        qr = phone.locator(".dj-display-qr svg").bounding_box()
        assert qr is not None
        self.assertGreater(qr["width"], PHONE["width"] * 0.8)
        self.assertLessEqual(phone.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        self.shot(phone, "signin-display-390.png", full_page=False)

        detail = self.page_as(self.w.admin_a)
        detail.goto(self.url("study:day_detail", day.pk))
        expect(detail.get_by_text("正在签到")).to_be_visible()
        self.shot(detail, "signin-day-1366.png")
        self.assertEqual(self.csp_errors, [])

    # ------------------------------------------------------------ print

    def printed(self, page: Page, name: str) -> str:
        """PAGE as Chromium prints it on A4 (the page's own @page): its text; also a print-media screenshot."""
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 720, "height": 1000})  # A4's printable width
        self.shot(page, f"print-{name}.png")
        hidden_columns = page.evaluate(
            "Array.from(document.querySelectorAll('th, td')).filter(c => getComputedStyle(c).display === 'none').length"
        )
        self.assertEqual(hidden_columns, 0, f"{name}: a column is dropped in print")
        for selector in (".dj-navbar", "footer", ".btn", "form[method=get]", ".pagination", ".dj-subnav"):
            visible = page.locator(selector).evaluate_all(
                "els => els.filter(e => getComputedStyle(e).display !== 'none' && e.offsetParent !== null).length"
            )
            self.assertEqual(visible, 0, f"{name}: {selector} shows in print")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        self.assertLessEqual(overflow, 0, f"{name}: wider than the paper")
        reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
        size = reader.pages[0].mediabox
        self.assertEqual((round(float(size.width)), round(float(size.height))), A4_PORTRAIT)
        # (PDF text comes out with some CJK radicals as compatibility characters: NFKC folds them back)
        return unicodedata.normalize("NFKC", "".join("".join(p.extract_text().split()) for p in reader.pages))

    def test_a_roster_prints_with_every_column_and_no_menu(self) -> None:
        MemberFactory(name="王晓明", org=self.w.branch_a1, unit=self.w.unit_a, ethnicity="回族")
        page = self.page_as(self.w.staff, PHONE)  # even from a phone, where columns hide
        page.goto(self.url("people:list"))
        expect(page.get_by_role("link", name="王晓明")).to_be_visible()
        text = self.printed(page, "roster")
        for header in ("姓名", "性别", "出生日期", "人员类别", "入党日期", "职级", "所在组织"):
            self.assertIn(header, text)
        self.assertIn("回族", text)  # the 民族 column (its header extracts as a radical form)
        for chrome in ("机关党建工作平台·数据仅限内网使用", "导出Excel", "清除条件", "退出"):
            self.assertNotIn(chrome, text)

    def test_the_compliance_list_prints_with_its_basis_column(self) -> None:
        page = self.page_as(self.w.staff)
        page.goto(self.url("orgs:compliance"))
        expect(page.get_by_role("heading", name="设置合规检查")).to_be_visible()
        text = self.printed(page, "compliance")
        self.assertIn("依据", text)
        self.assertNotIn("筛选", text)
        self.assertNotIn("导出Excel", text)

    def test_a_meeting_record_prints_without_its_buttons(self) -> None:
        meeting = org_life.meeting_record(
            org=self.w.branch_a1,
            kind=MeetingKind.GENERAL,
            held_on=timezone.localdate() - dt.timedelta(days=2),
            topic="学习党章",
            marks={self.w.person_a.pk: MarkIn(Mark.PRESENT)},
            minutes="一、传达学习文件。\n二、讨论发展对象。",
            by=None,
        )
        page = self.page_as(self.w.admin_a)
        page.goto(self.url("study:meeting_detail", meeting.pk))
        text = self.printed(page, "meeting")
        for words in ("学习党章", "会议记录", "传达学习文件", "张建国", "所在组织", "市财政局第一党支部"):
            self.assertIn(words, text)
        for chrome in ("修改出勤", "导入签到表", "上传", "概览"):
            self.assertNotIn(chrome, text)
