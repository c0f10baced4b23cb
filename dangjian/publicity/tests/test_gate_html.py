from django.test import SimpleTestCase, TestCase

from dangjian.publicity import contentsec


def scan(html: str) -> contentsec.ScanResult:
    return contentsec.scan(html, opts=contentsec.options(names=()), html=True)


def kinds(html: str) -> set[str]:
    return {f.kind for f in scan(html).findings}


LINK = '<a href="http://www.example-link.com/">链接</a>'


class HiddenLinkTests(SimpleTestCase):
    def test_it_finds_anchors_hidden_by_their_own_style(self):
        for style in (
            "display:none",
            "visibility:hidden",
            "font-size:0",
            "font-size:1px",
            "opacity:0",
            "position:absolute;left:-9999px",
            "position:fixed;top:-600px",
            "text-indent:-9999px",
            "height:1px;overflow:hidden",
            "color:#fff",
            "color:transparent",
            "transform:scale(0)",
        ):
            with self.subTest(style=style):
                html = f'<p>正文<a href="http://www.example-link.com/" style="{style}">链接</a></p>'
                self.assertIn("hidden_link", kinds(html))

    def test_it_finds_anchors_inside_hidden_containers(self):
        for wrapper in (
            '<div style="display:none">{}</div>',
            "<div hidden>{}</div>",
            '<span style="position:absolute;top:-2000px">{}</span>',
            "<noscript>{}</noscript>",
            '<marquee width="1" height="1">{}</marquee>',
        ):
            with self.subTest(wrapper=wrapper):
                self.assertIn("hidden_link", kinds("<p>正文</p>" + wrapper.format(LINK)))

    def test_it_finds_anchors_hidden_by_a_style_sheet(self):
        html = "<style>.x a{display:none}</style><p class='x'>正文" + LINK + "</p>"
        self.assertIn("hidden_link", kinds(html))

    def test_it_finds_text_in_the_colour_of_its_background(self):
        html = '<div style="background:#b71c1c"><p style="color:#b81c1c">看不见的字' + LINK + "</p></div>"
        self.assertIn("hidden_link", kinds(html))

    def test_it_leaves_white_text_on_a_red_banner_alone(self):
        html = '<div style="background-color:#b71c1c;color:#ffffff">党建微播报 <a href="http://www.gov.cn/">中国政府网</a></div>'
        self.assertEqual(scan(html).findings, [])

    def test_it_finds_an_anchor_without_visible_text(self):
        self.assertIn("hidden_link", kinds('<p>正文<a href="http://www.example-link.com/"> </a></p>'))

    def test_it_finds_hidden_text_without_links(self):
        self.assertIn("hidden_content", kinds('<p>正文</p><div style="display:none">关键词堆砌关键词堆砌</div>'))


class BrokenHtmlTests(SimpleTestCase):
    def test_it_finds_an_unclosed_comment(self):
        result = scan("<p>正文</p><!-- <p>后面的内容都不见了</p>")
        finding = next(f for f in result.findings if f.kind == "broken_html")
        self.assertIn("注释没有闭合", finding.message)

    def test_it_finds_content_after_the_end_of_the_document(self):
        html = "<html><body><p>正文</p></body></html>\n<a href='http://www.example-link.com/'>x</a>"
        finding = next(f for f in scan(html).findings if f.kind == "broken_html")
        self.assertTrue(finding.excerpt.startswith("<a href"))

    def test_it_finds_frames_scripts_and_redirects(self):
        for html in (
            '<iframe src="http://a.example/" width="0"></iframe>',
            "<script>document.write('x')</script>",
            '<meta http-equiv="refresh" content="0;url=http://a.example/">',
            "<noscript><p>搜索引擎可见</p></noscript>",
        ):
            with self.subTest(html=html):
                self.assertIn("broken_html", kinds("<p>正文</p>" + html))

    def test_it_finds_a_tag_that_swallows_the_next_one(self):
        self.assertIn("broken_html", kinds("<div style='x'<a href=http://www.example-link.com/>y</a></div>"))


class LinkTests(SimpleTestCase):
    def test_it_warns_about_a_domain_outside_the_allow_list(self):
        result = scan('<p><a href="https://www.example.com/x">例子</a></p>')
        self.assertEqual(result.verdict, "clean")
        self.assertEqual([(f.kind, f.severity) for f in result.findings], [("external_link", "warn")])

    def test_it_allows_government_and_official_news_domains(self):
        for url in (
            "http://www.nmg.gov.cn/",
            "https://www.12371.cn/a.shtml",
            "http://dangjian.people.com.cn/",
            "http://www.xinhuanet.com/",
            "https://www.qstheory.cn/",
            "https://www.gmw.cn/",
            "/news/a/1/",
        ):
            with self.subTest(url=url):
                self.assertEqual(scan(f'<p><a href="{url}">链接</a></p>').findings, [])

    def test_it_blocks_script_links_even_split_by_newlines(self):
        self.assertIn("unsafe_link", kinds('<a href="java&#10;script:alert(1)">x</a>'))

    def test_it_blocks_hosts_built_like_betting_sites(self):
        self.assertIn("spam_domain", kinds('<p><a href="http://www.pj8455.com/">主题教育</a></p>'))

    def test_it_checks_image_alt_text(self):
        result = scan('<p><img src="/news/images/1/" alt="澳门金沙官网下载"></p>')
        self.assertEqual(result.verdict, "blocked")

    def test_it_checks_the_page_title(self):
        result = scan("<title>市直机关党建网-新葡京官网</title><p>正文</p>")
        self.assertEqual(result.findings[0].field, "page_title")

    def test_it_points_html_findings_at_the_source(self):
        source = "<p>会议<b>新</b>葡&#20140;娱乐</p>"
        finding = scan(source).findings[0]
        self.assertEqual(source[finding.start : finding.end], finding.excerpt)
        self.assertEqual(finding.excerpt, "新</b>葡&#20140;娱乐")


class InputBoundsOnSaveTests(TestCase):
    """What the checker will not walk is refused before a draft is even saved."""

    def test_a_body_past_the_size_limit_is_refused_at_save(self):
        from dangjian.publicity.services import gate

        huge = "<p>" + "机关党建工作" * 60_000 + "</p>"  # 360,000 characters, past the 300,000 limit
        kinds = [f.kind for f in gate.input_problems(huge)]
        self.assertIn("too_large", kinds)

    def test_deep_nesting_is_refused_at_save_without_a_crash(self):
        from dangjian.publicity.services import gate

        deep = "<div>" * 1000 + "正文" + "</div>" * 1000
        self.assertTrue(gate.input_problems(deep))

    def test_an_ordinary_body_passes(self):
        from dangjian.publicity.services import gate

        self.assertEqual(gate.input_problems("<p>市直机关工委召开理论学习中心组学习会。</p>"), [])
