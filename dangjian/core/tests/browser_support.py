"""Helpers for the browser test: Debian's Chromium under Playwright, screenshots,
and a small roster workbook to import.

Playwright drives the system's /usr/bin/chromium (installed by
scripts/ensure-browser.sh); it never downloads a browser of its own.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Response, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root in CI
    "--disable-gpu",
    # The machine has no network but the package registries: without these,
    # Chromium keeps trying to reach Google's hosts in the background.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_DIR = Path(settings.VAR_DIR) / "screenshots"

MEMBER_HEADERS = [
    "姓名", "性别", "民族", "出生日期", "身份证号", "手机号", "学历", "工作单位", "职务", "职级",
    "人员类别", "入党日期", "所在组织编码", "党内职务", "任职日期",
]  # fmt: skip


def chromium_missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return "Debian's Chromium is not installed: run scripts/ensure-browser.sh"
    return None


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


class BrowserTestCase(StaticLiveServerTestCase):
    """A live server and one Chromium for the class; each test opens the pages it needs (`open_page`).

    SHOTS is the class's screenshot folder, emptied once before its tests. Mark the
    subclass `@pytest.mark.browser` and skip it on `chromium_missing_reason()`.
    """

    SHOTS: ClassVar[Path] = SCREENSHOT_DIR
    playwright: Playwright
    browser: Browser

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        # Playwright's sync API runs an event loop in this thread; Django would
        # then refuse ORM calls from the test body as "async unsafe".
        previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        cls.addClassCleanup(cls.restore_env, "DJANGO_ALLOW_ASYNC_UNSAFE", previous)
        # Class cleanups also run when set-up fails half-way.
        cls.playwright = sync_playwright().start()
        cls.addClassCleanup(cls.playwright.stop)
        cls.browser = launch(cls.playwright)
        cls.addClassCleanup(cls.browser.close)
        shutil.rmtree(cls.SHOTS, ignore_errors=True)
        cls.SHOTS.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def restore_env(name: str, value: str | None) -> None:
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value

    def open_page(self, errors: list[str], width: int = 1366, height: int = 850) -> Page:
        """A page in a fresh browser context (closed after the test) that notes in ERRORS what the
        browser refused: CSP violations and script errors, and failed loads with their address."""
        context = self.browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
        context.set_default_timeout(15_000)
        self.addCleanup(context.close)
        page = context.new_page()

        def console(message: ConsoleMessage) -> None:
            # Failed loads are told by the response hook, with their address.
            if message.type == "error" and not message.text.startswith("Failed to load resource"):
                errors.append(message.text)

        def response(r: Response) -> None:
            if r.status >= 400 and not r.url.endswith("/favicon.ico"):
                errors.append(f"{r.status} {r.url}")

        page.on("console", console)
        page.on("response", response)
        page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
        return page

    def url(self, name: str, *args: object, query: str = "") -> str:
        return f"{self.live_server_url}{reverse(name, args=args)}{query}"


def fresh_screenshot_dir() -> Path:
    shutil.rmtree(SCREENSHOT_DIR, ignore_errors=True)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


def screenshot(page: Page, name: str) -> Path:
    path = SCREENSHOT_DIR / name
    page.screenshot(path=str(path), full_page=True)
    return path


# Draws two different Chinese characters on a canvas: with no CJK font both
# come out as the same empty box, so identical pixels mean "boxes, not text".
_CJK_RENDERS_JS = """
() => {
  const draw = (ch) => {
    const c = document.createElement('canvas');
    c.width = 64; c.height = 64;
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.font = '48px sans-serif';
    ctx.fillText(ch, 4, 52);
    return c.toDataURL();
  };
  return draw('党') !== draw('建') && draw('组') !== draw('织');
}
"""


def renders_chinese(page: Page) -> bool:
    return bool(page.evaluate(_CJK_RENDERS_JS))


def member_workbook(rows: list[dict[str, Any]]) -> bytes:
    """An .xlsx roster in the import format of issue 2 §5, columns in the usual order."""
    wb = Workbook()
    ws = wb.active
    ws.title = "人员名册"
    ws.append(MEMBER_HEADERS)
    for row in rows:
        ws.append([row.get(h, "") for h in MEMBER_HEADERS])
    for cell in ws["D"][1:] + ws["L"][1:]:
        if isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
