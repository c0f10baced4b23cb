"""Property-based fuzzing of the content gate (issue 16 §3): malformed input of every kind gets
findings or one clear refusal, never an exception; the shortcuts taken for speed (issue 15 §3)
answer exactly what the long way answers.

Deterministic (derandomized) and bounded, so it runs the same in CI and on a busy machine.
"""

from __future__ import annotations

from unittest import mock

from django.test import SimpleTestCase
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dangjian.publicity import contentsec
from dangjian.publicity.contentsec import htmldoc, htmltree, normalize, textcheck
from dangjian.publicity.contentsec.names import NameIndex

from .test_quick_tree import html5lib_tree, shape

NAMES = ["市财政局", "市教育局", "市财政局机关党委", "市教育局第一党支部", "市直机关工委", "自治区直属机关工委"]
KINDS = {
    "seo_spam", "name_tampered", "hidden_link", "hidden_content", "broken_html", "unsafe_link", "spam_domain",
    "external_link", "sensitive_word", "too_large", "spam_score",
}  # fmt: skip
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of text the gate reacts to, so that random documents reach its rules, not only its lexer.
WORDS = st.sampled_from(
    [
        "澳门新葡京", "官网", "金沙", "9159", "js55", "bet365", "b3t365", "鼎盛娱乐城", "市财政局", "机关党委",
        "党支部", "中共", "委员会", "工委", "娱乐", "体育", "下载", "注册", "2024年", "365天", "第一", "。", "，",
        "、", "：", "\n", " ", "\u200b", "\u3000", "&nbsp;", "&amp;", "&#x5b;", "&", "<", ">", "ｂｅｔ", "①", "ﬁ",
        "Å", "\u0301", "\x00", "\ufeff", "\U0001f600", "www.js55.cc", "http://", "javascript:", "党建", "学习强国",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=40).map("".join)

TAGS = ["p", "div", "span", "a", "b", "i", "table", "thead", "tbody", "tr", "td", "th", "ul", "li", "h2", "img"]
TAGS += ["br", "style", "script", "noscript", "iframe", "html", "body", "head", "title", "meta", "font", "marquee"]
ATTRS = st.sampled_from(
    [
        "", ' href="http://js55.cc/"', " href='/x'", ' href="#top"', ' style="display:none"', ' style="color:#fff"',
        ' style="position:absolute;left:-9999px"', ' style="font-size:0"', ' alt="澳门新葡京官网"', ' title="官网"',
        ' src="javascript:alert(1)"', ' src="data:image/png;base64,AAAA"', " hidden", ' width="0"', ' color="white"',
        ' href="java\nscript:x"', ' href=http://a.b/c d=e', ' "="', " a=\"unclosed", " <b", ' style="', " =x",
        ' content="0;url=http://x.y/"', ' name="keywords" content="新葡京"', ' class="x"', ' id="y"',
    ]
)  # fmt: skip


@st.composite
def tag(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(TAGS))
    kind = draw(st.sampled_from(["open", "close", "open", "broken"]))
    if kind == "close":
        return f"</{name}>"
    attrs = "".join(draw(st.lists(ATTRS, max_size=3)))
    return f"<{name}{attrs}" if kind == "broken" else f"<{name}{attrs}>"


OTHER = st.sampled_from(["<!--", "-->", "<!-- 注释 -->", "<!doctype html>", "</html>", "<?xml?>", "<!x>", "</>", "<3"])


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A well-nested element around CHILDREN, sometimes with its end tag left out."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        name = draw(st.sampled_from(TAGS))
        attrs = "".join(draw(st.lists(ATTRS, max_size=2)))
        inner = "".join(draw(st.lists(children, max_size=4)))
        end = draw(st.sampled_from([f"</{name}>", f"</{name}>", ""]))
        return f"<{name}{attrs}>{inner}{end}"

    return build()


HTML = st.recursive(st.one_of(TEXT, tag(), OTHER), element, max_leaves=30)
DOCUMENT = st.lists(HTML, max_size=6).map("".join)


def well_formed_table() -> st.SearchStrategy[str]:
    cell = st.one_of(TEXT, st.sampled_from(["<b>第一</b>党支部", "<a href='/x'>链接</a>", "<p>段落</p>", ""]))

    @st.composite
    def build(draw: st.DrawFn) -> str:
        rows = []
        for _ in range(draw(st.integers(1, 3))):
            cells = [f"<{c}>{draw(cell)}</{c}>" for c in draw(st.lists(st.sampled_from(["td", "th"]), min_size=1))]
            rows.append("<tr>" + "".join(cells) + "</tr>" + draw(st.sampled_from(["", " ", "\n"])))
        part = draw(st.sampled_from(["tbody", "thead", "tfoot"]))
        return f"<table{draw(ATTRS)}><{part}>{''.join(rows)}</{part}></table>"

    return build()


class GateNeverRaisesTests(SimpleTestCase):
    opts: contentsec.Options

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.opts = contentsec.options(names=NAMES)

    def assert_answers(self, content: str, result: contentsec.ScanResult) -> None:
        self.assertIn(result.verdict, ("clean", "blocked"))
        for f in result.findings:
            self.assertIn(f.kind, KINDS)
            self.assertTrue(0 <= f.start <= f.end <= len(content), (f.kind, f.start, f.end, len(content)))
            self.assertEqual(content[f.start : f.end], f.excerpt)
            self.assertTrue(f.message)
        self.assertEqual(result.as_dict()["verdict"], result.verdict)

    @FUZZ
    @given(st.text(max_size=400))
    def test_random_unicode_as_text_html_and_guessed(self, content: str) -> None:
        for html in (False, True, None):
            self.assert_answers(content, contentsec.scan(content, opts=self.opts, html=html))

    @FUZZ
    @given(TEXT)
    def test_text_made_of_the_words_the_rules_look_for(self, content: str) -> None:
        for html in (False, True):
            self.assert_answers(content, contentsec.scan(content, opts=self.opts, html=html))

    @FUZZ
    @given(DOCUMENT)
    def test_nested_and_broken_html(self, content: str) -> None:
        self.assert_answers(content, contentsec.scan(content, opts=self.opts, html=True))

    @FUZZ
    @given(TEXT, TEXT, DOCUMENT)
    def test_an_articles_fields(self, title: str, page_title: str, body: str) -> None:
        contents = {"title": title, "page_title": page_title, "body": body}
        fields = [("title", title, False), ("page_title", page_title, False), ("body", body, True)]
        result = contentsec.scan_fields(fields, opts=self.opts)
        self.assertIn(result.verdict, ("clean", "blocked"))
        for f in result.findings:
            # A <title> inside the body is reported as the page title, with offsets into the body.
            where = [contents[f.field], body] if f.field == "page_title" else [contents[f.field]]
            self.assertIn(f.excerpt, [c[f.start : f.end] for c in where])

    @settings(FUZZ, max_examples=5)
    @example("0", 0, False)  # one long run of digits (bet-and-digits once cost its square)
    @example("a", 0, False)  # one long run of letters (the plain-text link search once did)
    @example("<style>/*", 0, True)  # CSS without a brace or a closed comment (the stylesheet reader once did)
    @given(st.text(min_size=1, max_size=12), st.integers(-3, 3), st.booleans())
    def test_huge_input_near_the_size_limit(self, piece: str, past: int, html: bool) -> None:
        limit = self.opts.rules.limits.max_chars
        content = (piece * (limit // len(piece) + 1))[: limit + past]
        result = contentsec.scan(content, opts=self.opts, html=html)
        self.assert_answers(content, result)
        if len(content) > limit:
            self.assertEqual([f.kind for f in result.findings], ["too_large"])
            self.assertIn("内容过长", result.findings[0].message)

    @settings(FUZZ, max_examples=6)
    @given(st.sampled_from(["<div>", "<i>", "<table><tr><td>", "<a href='/x'>", "<!--", "<b><div></b>", '<x a="']))
    def test_deep_nesting_near_the_size_limit(self, opener: str) -> None:
        content = opener * (self.opts.rules.limits.max_chars // len(opener))
        result = contentsec.scan(content, opts=self.opts, html=True)
        self.assert_answers(content, result)
        self.assertEqual(result.verdict, "blocked")


class ShortcutsAnswerAsTheLongWayTests(SimpleTestCase):
    """The quick tree, the scorer's bound and the index of names' heads and tails (issue 15 §3)."""

    @FUZZ
    @given(st.one_of(DOCUMENT, well_formed_table(), st.lists(well_formed_table(), max_size=3).map("<br>".join)))
    @example("<table =x><tbody><tr><td>a</td></tr></tbody></table>")  # a name starting with "=" (found by CI)
    def test_the_quick_tree_is_html5libs_tree_or_steps_aside(self, content: str) -> None:
        doc = htmldoc.lex(content)
        tree = htmltree.quick_tree(doc)
        if tree is not None:
            self.assertEqual(shape(tree), shape(html5lib_tree(doc)))

    @FUZZ
    @given(st.lists(st.sampled_from(["澳门", "鼎盛", "娱乐城", "官网", "注册", "送彩金", "百家乐", "真人", "在线"]))
           .map("".join) | TEXT)  # fmt: skip
    def test_the_scorers_bound_never_hides_a_window(self, content: str) -> None:
        rules = contentsec.options().rules
        assert rules.scorer is not None
        c = normalize.compact_plain(content, rules.homoglyphs, tags=True)
        with mock.patch.object(type(rules.scorer), "_may_reach", return_value=True):
            exact = rules.scorer.spans(c)
        self.assertEqual(rules.scorer.spans(c), exact)

    @FUZZ
    @given(
        st.lists(
            st.sampled_from(["市", "财政", "局", "机关", "党委", "教育", "第一", "党支部", "工委"]), max_size=8
        ).map("".join),
        st.text(alphabet="市财政局机关党委教育第一支部工直", max_size=24),
    )
    def test_the_name_index_finds_the_name_the_list_finds(self, before: str, after: str) -> None:
        rules = contentsec.options().rules
        pairs = textcheck.protected_names(NAMES + ["市财政局办公室党支部", "市教育局机关党总支"], rules)
        c = normalize.compact_plain(before + "澳门新葡京" + after, rules.homoglyphs)
        start = len(before)
        slow = textcheck.tampered_name(c, start, start + 5, pairs)
        self.assertEqual(textcheck.tampered_name(c, start, start + 5, pairs, NameIndex.build(pairs)), slow)
