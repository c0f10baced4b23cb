"""Seen in a browser (issue 2 §11): committee staff log in, walk the tree, find a
member by pinyin initials, open the member page and import a roster, in Debian's
Chromium driven by Playwright. Screenshots land in var/screenshots/.

Slow: marked `browser`; `make test` runs it in the SQLite pass only.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Response, expect

from dangjian.core.testing import PASSWORD, MemberFactory, World, make_id_number
from dangjian.people.models import Member

from . import browser_support as bs

_skip_reason = bs.chromium_missing_reason()


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class CommitteeStaffInBrowserTests(bs.BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.w = World()
        # Two people share the initials zjg, so the search must find both.
        MemberFactory(name="郑金刚", org=self.w.branch_a2, unit=self.w.unit_a)
        MemberFactory(name="王晓明", org=self.w.branch_a1, unit=self.w.unit_a)
        MemberFactory(name="巴特尔", org=self.w.branch_b1, unit=self.w.unit_b, ethnicity="蒙古族")
        self.context = self.browser.new_context(
            locale="zh-CN", viewport={"width": 1366, "height": 850}, device_scale_factor=1
        )
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        # A missing stylesheet or script is something a user notices at once.
        self.broken_assets: list[str] = []
        self.page.on("response", self.note_broken_asset)

    def tearDown(self) -> None:
        self.context.close()
        super().tearDown()

    def note_broken_asset(self, response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            self.broken_assets.append(f"{response.status} {response.url}")

    def log_in_as_staff(self) -> None:
        page = self.page
        page.goto(self.url("accounts:login"))
        expect(page.get_by_role("heading", name="机关党建工作平台")).to_be_visible()
        expect(page.get_by_label("用户名")).to_be_visible()
        self.assertTrue(bs.renders_chinese(page), "Chinese renders as boxes: install fonts-noto-cjk")
        bs.screenshot(page, "01-login.png")
        page.get_by_label("用户名").fill("staff")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        self.assertNotIn("/accounts/login/", page.url)
        # The organization pages sit under one menu section, opened by a click.
        section = page.get_by_role("button", name=re.compile("组织与名册"))
        expect(section).to_be_visible()
        section.click()
        expect(page.get_by_role("link", name=re.compile("组织架构"))).to_be_visible()

    def test_it_walks_from_login_to_a_roster_import(self) -> None:
        page = self.page
        self.log_in_as_staff()

        # The organization tree: the committee and its party committees.
        page.goto(self.url("orgs:tree"))
        expect(page.get_by_text("市直属机关工委").first).to_be_visible()
        expect(page.get_by_text("市财政局机关党委").first).to_be_visible()
        expect(page.get_by_text("市教育局机关党委").first).to_be_visible()
        # Unfolded, it reaches down to the branches.
        page.get_by_text("全部展开", exact=True).click()
        expect(page.get_by_text("市教育局第一党支部").first).to_be_visible()
        expect(page.get_by_text("市财政局第二党支部").first).to_be_visible()
        bs.screenshot(page, "02-tree.png")

        # Pinyin initials find 张建国 and 郑金刚, and nobody else.
        page.goto(self.url("people:list", query="?q=zjg"))
        expect(page.get_by_role("link", name="张建国")).to_be_visible()
        expect(page.get_by_role("link", name="郑金刚")).to_be_visible()
        expect(page.get_by_text("李红梅")).to_have_count(0)
        expect(page.get_by_text("王晓明")).to_have_count(0)
        bs.screenshot(page, "03-search.png")

        # The member page shows the ID number masked, never in full.
        person = Member.objects.get(name="张建国")
        page.get_by_role("link", name="张建国").click()
        page.wait_for_url(re.compile(rf"/members/{person.pk}/"))
        expect(page.get_by_text("张建国").first).to_be_visible()
        expect(page.get_by_text(person.id_number_masked).first).to_be_visible()
        self.assertNotIn(person.id_number, page.content())
        bs.screenshot(page, "04-member.png")

        # Import a two-row roster: upload, preview, confirm.
        page.goto(self.url("people:import"))
        expect(page.locator("input[type=file]")).to_have_count(1)
        bs.screenshot(page, "05-import.png")
        page.locator("input[type=file]").set_input_files(self.roster_file())
        page.locator("form:has(input[type=file])").locator("[type=submit]").first.click()
        page.wait_for_load_state()
        expect(page.get_by_text("孟庆华").first).to_be_visible()
        expect(page.get_by_text("乌云其其格").first).to_be_visible()
        self.assertFalse(Member.objects.filter(name="孟庆华").exists(), "the preview must not save anything")
        bs.screenshot(page, "06-import-preview.png")

        page.get_by_role("button", name=re.compile("确认")).click()
        page.wait_for_load_state()
        expect(page.get_by_text(re.compile("成功|已导入|导入完成")).first).to_be_visible()
        bs.screenshot(page, "07-import-done.png")
        imported = Member.objects.filter(name__in=["孟庆华", "乌云其其格"])
        self.assertEqual(imported.count(), 2)
        self.assertEqual(imported.get(name="乌云其其格").org, self.w.branch_a2)

        self.assertEqual(self.broken_assets, [])

    def test_it_fits_the_member_list_on_a_phone(self) -> None:
        self.log_in_as_staff()
        self.page.set_viewport_size({"width": 390, "height": 844})
        self.page.goto(self.url("people:list"))
        expect(self.page.get_by_role("link", name="张建国")).to_be_visible()
        # Nothing wider than the screen: no sideways scrolling of the whole page.
        overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        self.assertLessEqual(overflow, 0)
        bs.screenshot(self.page, "08-members-phone.png")
        self.assertEqual(self.broken_assets, [])

    def roster_file(self) -> str:
        rows: list[dict[str, Any]] = [
            {
                "姓名": "孟庆华", "性别": "男", "民族": "汉族", "出生日期": "1985-03-12",
                "身份证号": make_id_number(dt.date(1985, 3, 12), male=True), "手机号": "13900001111",
                "学历": "大学本科", "工作单位": "市财政局", "职务": "科员", "职级": "科级",
                "人员类别": "正式党员", "入党日期": "2010-07-01", "所在组织编码": "A01",
            },
            {
                # Dates as real Excel dates this time, not text.
                "姓名": "乌云其其格", "性别": "女", "民族": "蒙古族", "出生日期": dt.date(1992, 8, 5),
                "身份证号": make_id_number(dt.date(1992, 8, 5), male=False), "手机号": "13900002222",
                "学历": "硕士研究生", "工作单位": "市财政局", "职务": "副科长", "职级": "科级",
                "人员类别": "预备党员", "入党日期": dt.date(2025, 6, 1), "所在组织编码": "A02",
            },
        ]  # fmt: skip
        folder = Path(tempfile.mkdtemp(prefix="dangjian-browser-"))
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "人员名册.xlsx"
        path.write_bytes(bs.member_workbook(rows))
        return str(path)


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class OrgPickerInBrowserTests(CommitteeStaffInBrowserTests):
    """The member list's organization filter when the committee has more organizations than a
    select holds (orgs.picker.SELECT_MAX, lowered here): type, pick, the list narrows."""

    def setUp(self) -> None:
        super().setUp()
        from unittest import mock

        patcher = mock.patch("dangjian.orgs.picker.SELECT_MAX", 3)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_it_narrows_the_member_list_to_the_organization_picked(self) -> None:
        self.log_in_as_staff()
        page = self.page
        page.goto(self.url("people:list"))
        expect(page.get_by_role("link", name="巴特尔")).to_be_visible()
        box = page.get_by_role("combobox", name="所在组织（含下级）")
        box.click()
        box.press_sequentially("教育局")
        option = page.get_by_role("option", name=re.compile("市教育局第一党支部"))
        expect(option).to_be_visible()
        bs.screenshot(page, "09-org-picker.png")
        option.click()
        page.wait_for_url(re.compile(r"[?&]org=B01"))
        expect(page.get_by_role("link", name="巴特尔")).to_be_visible()
        expect(page.get_by_role("link", name="郑金刚")).to_have_count(0)
        expect(box).to_have_value("市教育局第一党支部")
        box.fill("")  # emptied: every organization again
        page.wait_for_url(re.compile(r"/members/$"))
        expect(page.get_by_role("link", name="郑金刚")).to_be_visible()
        self.assertEqual(self.broken_assets, [])

    def test_it_picks_the_organization_of_a_new_central_group_by_typing(self) -> None:
        from dangjian.study.models import StudyGroup

        self.log_in_as_staff()
        page = self.page
        page.goto(self.url("study:group_new"))
        box = page.get_by_role("combobox", name="所属组织")
        box.click()
        box.press_sequentially("教育局")
        option = page.get_by_role("option", name=re.compile("市教育局第一党支部"))
        expect(option).to_be_visible()
        bs.screenshot(page, "10-org-picker-form.png")
        option.click()
        expect(box).to_have_value("市教育局第一党支部")
        expect(page.get_by_role("listbox", name="匹配的组织").get_by_role("option")).to_have_count(0)
        page.get_by_label("中心组名称").fill("市教育局第一党支部中心组")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(re.compile(r"/study/groups/\d+/"))
        group = StudyGroup.objects.get(name="市教育局第一党支部中心组")
        self.assertEqual(group.org, self.w.branch_b1)
        # On a phone the list of matches stays within the screen.
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(self.url("study:group_new"))
        box = page.get_by_role("combobox", name="所属组织")
        box.click()
        box.press_sequentially("第一党支部")
        expect(page.get_by_role("option", name=re.compile("市教育局第一党支部"))).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        self.assertLessEqual(overflow, 0)
        bs.screenshot(page, "11-org-picker-form-phone.png")
        self.assertEqual(self.broken_assets, [])

    # The inherited tests run once, in the class above.
    test_it_walks_from_login_to_a_roster_import = None  # type: ignore[assignment]
    test_it_fits_the_member_list_on_a_phone = None  # type: ignore[assignment]
