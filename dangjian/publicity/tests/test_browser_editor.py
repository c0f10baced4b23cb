"""Seen in a browser: the article body's rich-text editor under the strict Content-Security-Policy.

Typed and pasted from Word (paragraphs and bold kept, fonts and colours dropped), saved, shown on
the article's page; a word the gate stops is marked where it stands in the editor. Without
JavaScript the plain textarea still saves. Screenshots at 1366 px and on a 390 px phone land in
var/screenshots/publicity_editor/.

Slow: marked `browser`.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from dangjian.accounts.models import User
from dangjian.core.testing import PASSWORD, World
from dangjian.core.tests import browser_support as bs
from dangjian.publicity.models import Article, Column, Status

from .helpers import setup_publicity

_skip_reason = bs.chromium_missing_reason()
SHOTS = bs.SCREENSHOT_DIR / "publicity_editor"

# What Word puts on the clipboard (trimmed): its own namespaces, a style sheet, classes,
# fonts and colours on every run, and <o:p> paragraph marks.
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{font-family:宋体;color:#333}</style></head>
<body lang=ZH-CN><!--StartFragment-->
<p class=MsoNormal align=center style='text-align:center'><span style='font-family:黑体'>学习体会</span></p>
<p class=MsoNormal style='text-indent:21.0pt;line-height:150%'><span
style='font-size:16.0pt;font-family:仿宋_GB2312;color:red'>
全体党员集中学习了党章，交流了学习体会。</span><o:p></o:p></p>
<p class=MsoNormal><b><span style='font-family:黑体;background:yellow'>下一步工作安排</span></b><span
style='font-family:仿宋_GB2312'>：每月开展一次主题党日。</span><o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:21pt;text-indent:-21pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>学习党章<o:p>
</o:p></p>
<p class=MsoListParagraph style='margin-left:21pt;text-indent:-21pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>交流体会<o:p>
</o:p></p>
<!--EndFragment--></body></html>"""

PASTE_JS = """
(html) => {
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', '全体党员集中学习了党章，交流了学习体会。\\n下一步工作安排：每月开展一次主题党日。');
  const editor = document.querySelector('.ql-editor');
  editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}
"""


@pytest.mark.browser
@pytest.mark.skipif(_skip_reason is not None, reason=_skip_reason or "")
class ArticleEditorInBrowserTests(bs.BrowserTestCase):
    SHOTS = SHOTS
    column: Column  # set by setup_publicity
    editor: User

    def setUp(self) -> None:
        super().setUp()
        self.w = World()
        setup_publicity(self)
        self.errors: list[str] = []

    def log_in(self, page: Page, username: str = "bianji") -> None:
        page.goto(self.url("accounts:login"))
        page.get_by_label("用户名或身份证号").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()

    def test_an_editor_types_and_pastes_from_word_saves_and_sees_the_flagged_word_marked(self) -> None:
        page = self.open_page(self.errors)
        self.log_in(page)
        page.goto(self.url("publicity:article_new"))
        page.locator("#id_title").fill("市财政局机关党委开展主题党日活动")
        page.get_by_label("专栏").select_option(label="党建网站 · 工作动态")
        editor = page.locator(".ql-editor")
        expect(editor).to_be_visible()
        self.assertFalse(page.locator("textarea[name=body]").is_visible())  # the editor stands in for it
        editor.click()
        page.keyboard.type("6月28日，市财政局机关党委召开党员大会。")
        page.keyboard.press("Enter")
        page.evaluate(PASTE_JS, WORD_HTML)
        expect(editor.locator("strong", has_text="下一步工作安排")).to_be_visible()
        page.screenshot(path=str(SHOTS / "01-editor.png"), full_page=True)
        page.get_by_role("button", name="保存草稿").click()

        expect(page.get_by_text("已保存草稿")).to_be_visible()
        article = Article.objects.get(title="市财政局机关党委开展主题党日活动")
        body = page.locator(".article-body")
        expect(body.locator("p", has_text="召开党员大会")).to_be_visible()
        expect(body.locator("p", has_text="全体党员集中学习了党章")).to_be_visible()
        expect(body.locator("strong", has_text="下一步工作安排")).to_be_visible()
        # Word's paragraphs are paragraphs, its numbered list a list, its centred line centred;
        # its fonts, colours, classes and marks are gone.
        self.assertEqual(article.body.count("<p>"), 3, article.body)
        self.assertIn("<p>全体党员集中学习了党章，交流了学习体会。</p>", article.body)
        self.assertIn('<p style="text-align:center">学习体会</p>', article.body)
        self.assertIn("<ol><li>学习党章</li><li>交流体会</li></ol>", article.body)
        expect(body.locator("p.text-center", has_text="学习体会")).to_be_visible()
        for word in ("font", "color", "mso", "o:p", "class", "&nbsp;", "<mark", "1."):
            self.assertNotIn(word, article.body)
        page.screenshot(path=str(SHOTS / "02-saved.png"), full_page=True)

        # A betting brand spliced into the text: the gate stops the submission ...
        page.get_by_role("link", name="修改").first.click()
        editor = page.locator(".ql-editor")
        editor.locator("p", has_text="召开党员大会").click()
        page.keyboard.press("End")
        page.keyboard.type("澳门新葡京官网下载")
        page.get_by_role("button", name="保存草稿").click()
        page.get_by_role("button", name="提交审核").click()
        expect(page.get_by_text("不能提交或发布")).to_be_visible()
        article.refresh_from_db()
        self.assertEqual(article.status, Status.DRAFT)
        # ... and the editor marks the words where they stand, saying what and why.
        page.get_by_role("link", name="修改稿件（问题已在正文中标出）").click()
        mark = page.locator(".ql-editor mark.dj-finding")
        expect(mark).to_have_count(1)
        self.assertIn("新葡京", mark.inner_text())
        self.assertIn("推广", mark.get_attribute("title") or "")
        listed = page.locator("#body-findings-list")
        expect(listed).to_contain_text("新葡京")
        expect(listed).to_contain_text("疑似赌博")
        page.screenshot(path=str(SHOTS / "03-flagged.png"), full_page=True)

        phone = self.open_page(self.errors, 390, 844)
        self.log_in(phone)
        phone.goto(self.url("publicity:article_edit", article.pk))
        expect(phone.locator(".ql-editor mark.dj-finding")).to_have_count(1)
        phone.screenshot(path=str(SHOTS / "04-flagged-phone.png"), full_page=True)
        # Saving without touching the body keeps it as it was, and the marks never reach it.
        phone.get_by_role("button", name="保存草稿").click()
        expect(phone.get_by_text("已保存")).to_be_visible()
        body_before = article.body
        article.refresh_from_db()
        self.assertEqual(article.body, body_before)
        self.assertEqual(self.errors, [])  # no CSP violation, no script error

    def test_a_table_and_a_captioned_figure_stay_as_they_were_through_an_edit(self) -> None:
        table = (
            "<table><tbody><tr><th>支部</th><th>人数</th></tr><tr><td>第一党支部</td><td>12</td></tr></tbody></table>"
        )
        figure = "<figure><figcaption>主题党日活动现场</figcaption></figure>"
        article = self.draft_with(f'<p style="text-align:center">活动简报</p>{table}{figure}<p>结尾。</p>')
        page = self.open_page(self.errors)
        self.log_in(page)
        page.goto(self.url("publicity:article_edit", article.pk))
        expect(page.locator(".ql-editor .dj-kept td", has_text="第一党支部")).to_be_visible()
        expect(page.locator(".ql-editor p.ql-align-center", has_text="活动简报")).to_be_visible()
        page.locator(".ql-editor p", has_text="结尾").click()
        page.keyboard.press("End")
        page.keyboard.type("特此报告。")
        page.get_by_role("button", name="保存草稿").click()
        expect(page.get_by_text("已保存修改")).to_be_visible()
        article.refresh_from_db()
        self.assertIn(table, article.body)
        self.assertIn(figure, article.body)
        self.assertIn('<p style="text-align:center">活动简报</p>', article.body)
        self.assertIn("<p>结尾。特此报告。</p>", article.body)
        self.assertEqual(self.errors, [])

    def draft_with(self, body: str) -> Article:
        from dangjian.publicity.services import articles as services

        data = services.ArticleData(org=self.w.org_a, column=self.column, title="活动简报", body=body)
        return services.article_create(by=self.editor, data=data)

    def test_without_javascript_the_textarea_saves(self) -> None:
        context = self.browser.new_context(locale="zh-CN", java_script_enabled=False)
        self.addCleanup(context.close)
        page = context.new_page()
        self.log_in(page)
        page.goto(self.url("publicity:article_new"))
        page.locator("#id_title").fill("不用脚本写的稿件")
        page.get_by_label("专栏").select_option(label="党建网站 · 工作动态")
        page.locator("textarea[name=body]").fill("第一段。\n第二段。")
        page.get_by_role("button", name="保存草稿").click()
        page.wait_for_load_state()
        article = Article.objects.get(title="不用脚本写的稿件")
        self.assertEqual(article.body, "<p>第一段。</p>\n<p>第二段。</p>")
