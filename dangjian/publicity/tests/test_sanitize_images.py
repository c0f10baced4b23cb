"""Only images the platform stores survive an article body (RSS and WeChat readers would load the rest)."""

from django.test import SimpleTestCase, override_settings

from dangjian.publicity.sanitize import clean_html, display_html, platform_image_src


@override_settings(MEDIA_URL="/media/", ALLOWED_HOSTS=["dj.example.cn"], DANGJIAN={})
class ImageSourceTests(SimpleTestCase):
    def test_it_keeps_the_platforms_own_article_images(self):
        body = '<figure><img src="/news/images/12/" alt="会议现场"><figcaption>会议现场</figcaption></figure>'
        self.assertEqual(clean_html(body), body)

    def test_it_keeps_files_under_media_url(self):
        self.assertEqual(
            clean_html('<p><img src="/media/publicity/20261203-ab12.png" alt="x"></p>'),
            '<p><img src="/media/publicity/20261203-ab12.png" alt="x"></p>',
        )

    def test_it_drops_outside_images_of_every_scheme(self):
        for src in (
            "http://www.example.com/track.gif",
            "https://www.example.com/track.gif",
            "//www.example.com/track.gif",
            "HTTP://WWW.EXAMPLE.COM/a.png",
            "HtTpS://www.example.com/a.png",
            "data:image/png;base64,iVBORw0KGgo=",
            "DATA:image/svg+xml,<svg></svg>",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "images/1/",
            "/\\www.example.com/a.png",
            " //www.example.com/a.png",
            "/%2F/www.example.com/a.png",
            "https://www.example.com/news/images/1/",
            "/media/../../etc/passwd",
        ):
            with self.subTest(src=src):
                out = clean_html(f'<p>前<img src="{src}" alt="外链图片">后</p>')
                self.assertEqual(out, "<p>前后</p>")
                self.assertIsNone(platform_image_src(src))

    def test_it_drops_srcset_and_keeps_the_stored_source(self):
        out = clean_html('<img src="/news/images/3/" srcset="https://www.example.com/big.png 2x" alt="x">')
        self.assertEqual(out, '<img src="/news/images/3/" alt="x">')

    def test_it_drops_an_image_with_only_a_srcset(self):
        self.assertEqual(clean_html('<p>a<img srcset="https://www.example.com/big.png 2x">b</p>'), "<p>ab</p>")

    def test_it_turns_a_link_to_its_own_host_into_a_path(self):
        self.assertEqual(platform_image_src("https://dj.example.cn/news/images/7/"), "/news/images/7/")
        self.assertEqual(platform_image_src("HTTP://DJ.EXAMPLE.CN/news/images/7"), "/news/images/7")
        self.assertIsNone(platform_image_src("https://dj.example.cn.evil.com/news/images/7/"))
        self.assertIsNone(platform_image_src("https://dj.example.cn/static/logo.png"))

    def test_it_reads_entity_encoded_sources_as_the_browser_would(self):
        self.assertEqual(clean_html('<p>a<img src="&#x2F;&#x2F;www.example.com/x.png">b</p>'), "<p>ab</p>")

    def test_a_stored_body_with_an_outside_image_is_shown_without_it(self):
        stored = '<p>正文</p><img src="http://www.example.com/track.gif" alt="x">'
        self.assertEqual(display_html(stored), "<p>正文</p>")

    def test_an_alt_text_that_mentions_src_does_not_keep_a_refused_image(self):
        out = clean_html('<img src="http://a.example/x.png" alt=\'x" src="/news/images/1/\'>')
        self.assertNotIn("<img", out)
