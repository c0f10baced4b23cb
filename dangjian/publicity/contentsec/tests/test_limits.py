"""Input the gate will not walk: refused with one clear finding, never an exception (issue 10 §3)."""

from django.test import SimpleTestCase

from dangjian.publicity import contentsec


def scan(content: str, html: bool = True) -> contentsec.ScanResult:
    return contentsec.scan(content, opts=contentsec.options(names=()), html=html)


class DepthTests(SimpleTestCase):
    def test_it_refuses_a_thousand_nested_tags_with_a_message(self):
        html = "<div>" * 1000 + "正文" + "</div>" * 1000  # about 11 KB
        result = scan(html)
        self.assertEqual(result.verdict, "blocked")
        self.assertEqual([f.kind for f in result.findings], ["broken_html"])
        self.assertIn("嵌套过深", result.findings[0].message)
        f = result.findings[0]
        self.assertEqual(html[f.start : f.end], f.excerpt)

    def test_it_refuses_a_hundred_thousand_nested_tags(self):
        for html in ("<i>" * 100_000, "<span>" * 100_000 + "x" + "</span>" * 100_000):
            with self.subTest(size=len(html)):
                result = scan(html)
                self.assertEqual(result.verdict, "blocked")
                self.assertEqual(len(result.findings), 1)
                self.assertRegex(result.findings[0].message, "嵌套过深|内容过长")

    def test_it_counts_tables_nested_in_cells(self):
        result = scan("<table><tr><td>" * 500 + "x")
        self.assertIn("嵌套过深", result.findings[0].message)

    def test_it_still_checks_ordinary_nesting_and_long_flat_lists(self):
        self.assertEqual(scan("<div>" * 50 + "正文" + "</div>" * 50).findings, [])
        self.assertEqual(scan("<p>段落" * 3000).findings, [])
        self.assertEqual(scan("<ul>" + "<li>条目" * 2000 + "</ul>").findings, [])
        self.assertEqual(scan("<div>" * 50 + "澳门新葡京" + "</div>" * 50).verdict, "blocked")

    def test_a_misnested_document_does_not_raise(self):
        for html in ("<b><div></b>" * 1000, "<a><p><a>" * 1000):
            with self.subTest(html=html[:12]):
                self.assertIn(scan(html).verdict, ("clean", "blocked"))


class SizeTests(SimpleTestCase):
    def test_it_refuses_text_past_the_size_limit(self):
        result = scan("党建工作" * 100_000, html=False)
        self.assertEqual([f.kind for f in result.findings], ["too_large"])
        self.assertIn("内容过长", result.findings[0].message)
        self.assertEqual(result.verdict, "blocked")
