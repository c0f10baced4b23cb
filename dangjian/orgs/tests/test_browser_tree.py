"""Seen in a browser: the organization tree opens on its top two levels, and opening a node
loads its children (htmx) with their counts, at a desktop and at a phone width.
Screenshots land in var/screenshots/ (tree-*.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dangjian.core.testing import PASSWORD, World, make_org
from dangjian.core.tests import browser_support as bs
from dangjian.orgs.models import OrgKind

_skip_reason = bs.chromium_missing_reason()


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class TreeOnDemandInBrowserTests(bs.BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.w = World()
        make_org("A0101", "财政局第一党小组", OrgKind.GROUP, self.w.branch_a1)

    def walk(self, width: int, height: int, name: str) -> None:
        errors: list[str] = []
        page = self.open_page(errors, width=width, height=height)
        page.goto(self.url("accounts:login"))
        page.get_by_label("用户名").fill("staff")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        page.goto(self.url("orgs:tree"))
        expect(page.get_by_text("市财政局机关党委").first).to_be_visible()
        expect(page.get_by_text("市财政局第一党支部")).to_have_count(0)  # not rendered until asked
        bs.screenshot(page, f"tree-{name}-1-top.png")

        page.locator("summary", has_text="市财政局机关党委").locator(".kb").click()
        branch = page.get_by_role("link", name="市财政局第一党支部")
        expect(branch).to_be_visible()
        expect(page.get_by_text("下级组织 2 个")).to_have_count(0)  # the placeholder is replaced
        # One level further, on demand again.
        page.locator("summary", has_text="市财政局第一党支部").locator(".kb").click()
        expect(page.get_by_role("link", name="财政局第一党小组")).to_be_visible()
        bs.screenshot(page, f"tree-{name}-2-opened.png")
        self.assertEqual(errors, [])

    def test_opening_a_node_loads_its_children_at_a_desktop_width(self) -> None:
        self.walk(1366, 850, "desktop")

    def test_opening_a_node_loads_its_children_at_a_phone_width(self) -> None:
        self.walk(390, 844, "phone")
