from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from dangjian.publicity.sanitize import clean_html
from dangjian.publicity.services import articles as services

from .helpers import PublicityTestCase


class CleanTests(SimpleTestCase):
    def test_it_removes_scripts_handlers_and_classes(self):
        out = clean_html(
            '<p class="x" onclick="evil()">正文<script>alert(1)</script></p><iframe src="http://a"></iframe>'
        )
        self.assertEqual(out, "<p>正文</p>")

    def test_it_keeps_the_formatting_an_article_needs(self):
        html = (
            '<h2>标题</h2><p style="text-indent:2em;text-align:center">段落<strong>加粗</strong></p>'
            "<ul><li>一</li></ul>"
        )
        self.assertEqual(
            clean_html(html), html.replace("text-indent:2em;text-align:center", "text-indent:2em;text-align:center")
        )

    def test_it_drops_style_properties_that_can_hide(self):
        out = clean_html('<p style="position:absolute;left:-9999px;display:none;color:red">x</p>')
        self.assertEqual(out, '<p style="color:red">x</p>')

    def test_it_drops_script_links_and_keeps_web_links(self):
        self.assertNotIn("javascript", clean_html('<a href="javascript:alert(1)">x</a>'))
        self.assertIn('href="https://www.12371.cn/"', clean_html('<a href="https://www.12371.cn/">x</a>'))


class InputRefusalTests(PublicityTestCase):
    def test_it_refuses_to_save_a_body_with_a_hidden_link(self):
        with self.assertRaises(ValidationError) as ctx:
            self.draft(body='<p>正文<a href="http://www.example.com/" style="display:none">x</a></p>')
        self.assertIn("隐藏链接", str(ctx.exception.message_dict["body"]))

    def test_it_shows_the_refusal_beside_the_body_field(self):
        self.login_as(self.editor)
        response = self.client.post(
            "/publicity/articles/new/",
            {
                "org": self.w.org_a.pk,
                "column": self.column.pk,
                "title": "标题",
                "body": "<p>正文</p><div style='position:absolute;left:-3000px'><a href='http://x.example/'>x</a></div>",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "正文含有隐藏链接或可疑结构，未保存")

    def test_it_saves_visible_spam_as_a_draft_for_the_gate_to_stop(self):
        article = self.draft(body="<p>金沙9159官网</p>")
        outcome = services.article_submit(article=article, by=self.editor)
        self.assertFalse(outcome.passed)


class DisplayTests(SimpleTestCase):
    def test_it_turns_the_styles_an_editor_may_use_into_classes(self):
        from dangjian.publicity.sanitize import display_html

        html = '<p style="text-indent:2em;text-align:center">a<span style="color:#c00000;font-weight:bold">b</span></p>'
        self.assertEqual(
            display_html(html), '<p class="text-center dj-indent-2">a<span class="fw-bold dj-color-red">b</span></p>'
        )

    def test_it_leaves_no_style_attribute_for_the_policy_to_block(self):
        from dangjian.publicity.sanitize import display_html

        self.assertNotIn(
            "style=", display_html('<p style="font-size:40px;line-height:3">x</p><h2 style="color:#123456">y</h2>')
        )


class PlainTextBodyTests(SimpleTestCase):
    def test_each_typed_line_becomes_a_paragraph(self):
        from dangjian.publicity.sanitize import paragraphs_from_text

        self.assertEqual(
            paragraphs_from_text("市财政局召开党员大会。\n\n  会议学习了党章<第一章>。 \n"),
            "<p>市财政局召开党员大会。</p>\n<p>会议学习了党章&lt;第一章&gt;。</p>",
        )

    def test_html_is_left_to_the_sanitizer(self):
        from dangjian.publicity.sanitize import paragraphs_from_text

        self.assertEqual(paragraphs_from_text("<p>一段</p>\n<p>二段</p>"), "<p>一段</p>\n<p>二段</p>")
