import base64
import re

from dangjian.publicity.services import images

from .helpers import PNG, MediaTestCase


class WechatExportTests(MediaTestCase):
    def article(self):
        article = self.draft(body='<h2>小标题</h2><p>正文见<a href="http://www.12371.cn/">共产党员网</a>。</p>')
        images.image_add(article=article, by=self.editor, data=PNG, name="a.png", alt="活动现场")
        article.refresh_from_db()
        from dangjian.publicity.services import articles as services

        services.article_submit(article=article, by=self.editor)
        services.article_approve(article=article, by=self.reviewer)
        services.article_publish(article=article, by=self.reviewer)
        return article

    def test_it_puts_every_style_inline_and_loads_nothing_from_elsewhere(self):
        html = self.client.get(f"/news/a/{self.article().pk}/wechat.html").content.decode()
        self.assertNotIn("<link", html)
        self.assertNotIn("<style", html)
        self.assertNotIn("<script", html)
        self.assertNotIn("class=", html)
        self.assertIsNone(re.search(r'src="(?!data:)', html))
        self.assertRegex(html, r'<h2 style="[^"]+">小标题</h2>')

    def test_it_embeds_the_images(self):
        html = self.client.get(f"/news/a/{self.article().pk}/wechat.html").content.decode()
        encoded = re.search(r'src="data:image/png;base64,([^"]+)"', html).group(1)
        self.assertEqual(base64.b64decode(encoded), PNG)

    def test_it_turns_links_into_notes_and_names_editor_and_reviewer(self):
        html = self.client.get(f"/news/a/{self.article().pk}/wechat.html").content.decode()
        self.assertNotIn("<a ", html)
        self.assertIn("参考链接", html)
        self.assertIn("http://www.12371.cn/", html)
        self.assertIn("编辑：bianji", html)
        self.assertIn("审核：shenhe", html)

    def test_it_offers_a_download(self):
        response = self.client.get(f"/news/a/{self.article().pk}/wechat.html?download=1")
        self.assertIn("attachment", response["Content-Disposition"])

    def test_it_lets_the_browser_apply_its_inline_styles_and_nothing_else(self):
        policy = self.client.get(f"/news/a/{self.article().pk}/wechat.html")["Content-Security-Policy"]
        self.assertIn("style-src 'unsafe-inline'", policy)
        self.assertIn("default-src 'none'", policy)
        self.assertIn("script-src 'none'", policy)
