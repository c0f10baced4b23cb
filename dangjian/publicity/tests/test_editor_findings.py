"""The article editor's page: the rich-text editor over the textarea, and the gate's findings
with the words they cover (services.gate.editor_marks), for the editor to mark where they stand."""

from __future__ import annotations

from django.urls import reverse

from dangjian.publicity.services.gate import editor_marks

from .helpers import SPAM_BODY, PublicityTestCase


def finding(start: int, end: int, field: str = "body") -> dict:
    return {"kind": "seo_spam", "start": start, "end": end, "field": field, "message": "m", "severity": "block"}


class EditorMarksTests(PublicityTestCase):
    def test_it_gives_the_visible_words_without_tags_or_white_space(self):
        body = "<p>召开大会，<b>澳门新</b>葡京 官网。</p>"
        start = body.index("澳")
        [mark] = editor_marks(body, [finding(start, body.index("。"))])
        self.assertEqual((mark["text"], mark["occurrence"]), ("澳门新葡京官网", 0))

    def test_it_counts_which_appearance_of_the_words_it_is(self):
        body = "<p>新葡京</p><p>新葡京</p><p>新&#33889;京</p>"
        third = body.rindex("新")
        [mark] = editor_marks(body, [finding(third, len(body) - 4)])
        self.assertEqual((mark["text"], mark["occurrence"]), ("新葡京", 2))

    def test_it_gives_no_words_for_an_address_or_another_field(self):
        body = '<p><a href="http://bet.example">链接</a></p>'
        address = body.index("http")
        marks = editor_marks(body, [finding(address, address + 18), finding(0, 4, field="title")])
        self.assertEqual([m["text"] for m in marks], ["", ""])

    def test_it_reads_a_body_typed_without_html(self):
        [mark] = editor_marks("第一段\n第二段 bet365", [finding(8, 14)])
        self.assertEqual(mark["text"], "bet365")


class EditorPageTests(PublicityTestCase):
    def test_it_puts_the_rich_editor_over_the_textarea_that_still_posts_the_body(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("publicity:article_new"))
        self.assertContains(response, 'name="body"')
        self.assertContains(response, 'data-rich-editor="quill"')
        self.assertContains(response, "vendor/quill/quill.js")
        self.assertContains(response, "publicity/editor.js")

    def test_it_lists_and_hands_the_editor_what_the_gate_would_stop(self):
        article = self.draft(body=SPAM_BODY)
        self.client.force_login(self.editor)
        response = self.client.get(reverse("publicity:article_edit", args=[article.pk]))
        self.assertContains(response, "内容安全检查发现 1 处问题，已在正文中标出")
        self.assertContains(response, "被插入了推广字符串（新葡京）")  # which words, and why
        self.assertContains(response, '<script id="body-findings" type="application/json">')
        marks = response.context["findings"]
        self.assertEqual([(m["text"], m["occurrence"]) for m in marks], [("澳门新葡京官网", 0)])

    def test_a_clean_article_shows_no_findings(self):
        article = self.draft()
        self.client.force_login(self.editor)
        response = self.client.get(reverse("publicity:article_edit", args=[article.pk]))
        self.assertNotContains(response, "body-findings")

    def test_a_body_refused_on_saving_comes_back_with_the_hidden_link_marked(self):
        article = self.draft()
        self.client.force_login(self.editor)
        hidden = '<p>正文<a href="http://x.example" style="display:none">澳门新葡京</a></p>'
        data = {"org": self.w.org_a.pk, "column": self.column.pk, "title": article.title, "body": hidden}
        response = self.client.post(reverse("publicity:article_edit", args=[article.pk]), data)
        self.assertContains(response, "正文未保存")
        self.assertIn(("hidden_link", "澳门新葡京"), [(m["kind"], m["text"]) for m in response.context["findings"]])
        article.refresh_from_db()
        self.assertNotIn("澳门", article.body)
