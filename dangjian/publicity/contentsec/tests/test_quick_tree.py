"""The quick tree (htmltree.quick_tree) is the tree html5lib builds, or it steps aside."""

from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

from dangjian.publicity.contentsec import htmldoc, htmltree

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus"


def shape(tree: htmltree.Tree) -> list[tuple]:
    return [
        (n.name, n.parent.name if n.parent else None, sorted(n.attrs.items()), " ".join(n.text.split()), n.span)
        for n in tree.root.walk()
    ]


def html5lib_tree(doc: htmldoc.Lexed) -> htmltree.Tree:
    with mock.patch.object(htmltree, "quick_tree", return_value=None):
        return htmltree.parse(doc)


class QuickTreeTests(SimpleTestCase):
    def test_it_builds_the_same_tree_as_html5lib_for_the_corpus(self):
        quick = 0
        for path in sorted(CORPUS.glob("*/*.html")):
            doc = htmldoc.lex(path.read_text(encoding="utf-8"))
            tree = htmltree.quick_tree(doc)
            if tree is None:
                continue
            quick += 1
            with self.subTest(file=path.name):
                self.assertEqual(shape(tree), shape(html5lib_tree(doc)))
        self.assertGreaterEqual(quick, 10)

    def test_it_steps_aside_where_a_browser_would_rebuild_the_document(self):
        for html in (
            "<div><p>未闭合</div>",
            "<p>段落<div>块</div></p>",
            "<b><i>错位</b></i>",
            "<a href='/x'>外<a href='/y'>内</a></a>",
            "<ul><li>一<li>二</ul>",
            "<table><tr><td>表格</td></tr></table>",
            "<table>漏出<tbody><tr><td>表格</td></tr></tbody></table>",
            "<table><tbody>&nbsp;<tr><td>表格</td></tr></tbody></table>",
            "<table><tbody><tr><div>块</div></tr></tbody></table>",
            "<p>段落<table><tbody><tr><td>表格</td></tr></tbody></table></p>",
            "<div><td>单元格</td></div>",
            "<p>正文<!-- 未闭合的注释",
            "<p>正文</p><a href='/x'",
            "<html><body><p>x</p></body></html><p>后</p>",
        ):
            with self.subTest(html=html):
                self.assertIsNone(htmltree.quick_tree(htmldoc.lex(html)))

    def test_it_builds_plain_well_nested_fragments(self):
        html = '<style>.x{color:red}</style><p>一<b>二</b>三</p><p style="display:none">四<a href="/y">五</a></p>'
        doc = htmldoc.lex(html)
        tree = htmltree.quick_tree(doc)
        self.assertIsNotNone(tree)
        self.assertEqual(shape(tree), shape(html5lib_tree(doc)))

    def test_it_builds_tables_written_out_in_full(self):
        html = (
            '<p>前</p><table border="1">\n<thead><tr><th>序号</th><th>支部</th></tr></thead>\n'
            "<tbody><tr><td>1</td><td><b>第一</b>党支部<table><tbody><tr><td>内</td></tr></tbody></table></td></tr>"
            '\n<tr><td>2</td><td><a href="/x">链接</a></td></tr></tbody></table><p>后</p>'
        )
        doc = htmldoc.lex(html)
        tree = htmltree.quick_tree(doc)
        self.assertIsNotNone(tree)
        self.assertEqual(shape(tree), shape(html5lib_tree(doc)))

    def test_it_ends_an_open_paragraph_where_a_browser_does(self):
        for html in ("<p>一<p>二<p>三", "<p>段落<div>块</div>", "<p>一<ul><li>二</li></ul>", "<p>一<h2>标题</h2>"):
            with self.subTest(html=html):
                doc = htmldoc.lex(html)
                tree = htmltree.quick_tree(doc)
                self.assertIsNotNone(tree)
                self.assertEqual(shape(tree), shape(html5lib_tree(doc)))
