"""The browser-grade tree the gate's hidden-link checks run on, tied to the lexer's tags.

html5lib builds the tree the way a browser does (unclosed tags, misnesting, content after
</body>) and reports parse errors; a plain, well-nested fragment gets a quick tree from the
lexer alone (dangjian.publicity.contentsec.htmldoc). Each element is tied back to the
lexer's start tag of the same name and attributes, in document order, for its offsets.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import itemgetter, ne
from typing import Any

import html5lib
from html5lib import treebuilders

from .htmldoc import RAWTEXT, VOID, Lexed, Tag


@dataclass
class Node:
    """An element of the html5lib tree, tied to its source start tag when found."""

    name: str
    attrs: dict[str, str]
    parent: Node | None
    children: list[Node] = field(default_factory=list)
    text: str = ""  # its own text and the tails of its children, in order
    tag: Tag | None = None

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def walk(self) -> Iterator[Node]:
        """This node and its descendants, in document order (no recursion: depth is not bounded here)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def all_text(self) -> str:
        return "".join(n.text for n in self.walk())

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def span(self) -> tuple[int, int] | None:
        if self.tag is None:
            return None
        return self.tag.start, self.tag.end_of_element or self.tag.end


@dataclass
class Tree:
    root: Node
    errors: list[tuple[tuple[int, int], str]]  # ((line, col), html5lib error code)


def _local(name: Any) -> str:
    name = str(name)
    return name.rsplit("}", 1)[-1].lower()


# Tags after which the quick tree may differ from a browser's: html5lib builds those documents.
NOT_QUICK = {
    "html", "head", "body", "frameset", "frame", "title", "meta", "base", "noscript", "template",
    "caption", "colgroup", "col", "select", "option", "optgroup", "form",
    "button", "ruby", "rb", "rt", "rp", "rtc", "svg", "math", "image", "isindex", "plaintext", "xmp", "noembed",
    "noframes", "iframe", "textarea", "nobr", "marquee", "object", "applet", "keygen", "listing", "embed",
    "param", "source", "track", "area", "map", "input", "dialog", "details", "summary", "search", "menu", "dir",
}  # fmt: skip
# Start tags that close an open <p> in a browser.
CLOSES_P = {
    "address", "article", "aside", "blockquote", "center", "div", "dl", "fieldset", "figcaption", "figure", "footer",
    "header", "hgroup", "main", "nav", "ol", "p", "section", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "li",
    "dd", "dt", "hr",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# A table the quick tree builds: every part written out and right inside its parent (a browser
# adds a missing <tbody> or <tr>, and moves anything else out of the table).
TABLE_CHILDREN = {
    "table": {"thead", "tbody", "tfoot"},
    "thead": {"tr"},
    "tbody": {"tr"},
    "tfoot": {"tr"},
    "tr": {"td", "th"},
}
TABLE_PARTS = {"thead", "tbody", "tfoot", "tr", "td", "th"}
# What HTML counts as white space: only that may stand between the parts of a table.
HTML_SPACE = "\t\n\f\r "


def quick_tree(doc: Lexed) -> Tree | None:
    """The tree of a plain, well-nested fragment, built from the lexer alone (html5lib is slow).

    None as soon as anything might make a browser build another tree: misnested
    or unclosed elements, tables with a part left out or with anything but white
    space between their parts, forms, document-level tags, odd comments or tags
    cut off, an implied end tag. html5lib then builds it.
    """
    source = doc.source
    if "\x00" in source or "<!-->" in source or "<!--->" in source or "--!>" in source:
        return None
    if any(not c.closed for c in doc.comments):
        return None
    root = Node(name="html", attrs={}, parent=None)
    head = Node(name="head", attrs={}, parent=root)
    body = Node(name="body", attrs={}, parent=root)
    root.children += [head, body]
    stack: list[Node] = [body]
    events = sorted([(t.start, 0, t) for t in doc.tags] + [(t.start, 1, t) for t in doc.end_tags], key=itemgetter(0))
    text = doc.body
    k = 0
    pieces: dict[int, tuple[Node, list[str]]] = {}
    # The characters from the source (the line breaks the lexer adds for blocks have no width), and
    # how many of them come before each of the lexer's characters.
    solid_mask = list(map(ne, text.ends, text.starts))
    solid = "".join(compress(text.chars, solid_mask))
    solid_before = list(accumulate(solid_mask, initial=0))

    def take_text(upto: int) -> bool:
        """Give the open element the text before UPTO; False where a browser would move it out of a table."""
        nonlocal k
        stop = bisect_left(text.starts, upto, k)  # the lexer's text runs in source order
        taken = solid[solid_before[k] : solid_before[stop]]
        k = stop
        if taken:
            if stack[-1].name in TABLE_CHILDREN and taken.strip(HTML_SPACE):
                return False
            node = stack[-1]
            pieces.setdefault(id(node), (node, []))[1].append(taken)  # joined at the end: no quadratic +=
        return True

    n = len(source)
    open_count: dict[str, int] = {}  # names of the open elements (the stack), counted
    end_starts = [e.start for e in doc.end_tags]
    for at, is_end, tag in events:
        if not take_text(at):
            return None
        name = tag.name
        if name in NOT_QUICK or (tag.end >= n and not source.endswith(">")):
            return None
        if tag.attrs and any(ch in a for a in tag.attrs for ch in "\"'<="):
            return None
        if is_end:
            if name in VOID or stack[-1].name != name or len(stack) == 1:
                return None
            stack.pop()
            open_count[name] -= 1
            continue
        if name in CLOSES_P and stack[-1].name == "p":
            stack.pop()  # a browser ends the open <p> here (<p>一<p>二 is two paragraphs)
            open_count["p"] -= 1
        if (name in CLOSES_P and open_count.get("p")) or (name == "a" and open_count.get("a")):
            return None
        if name in ("li", "dd", "dt") and (open_count.get("li") or open_count.get("dd") or open_count.get("dt")):
            return None
        if name in HEADINGS and any(open_count.get(h) for h in HEADINGS):
            return None
        allowed = TABLE_CHILDREN.get(stack[-1].name)
        if (allowed is not None or name in TABLE_PARTS) and name not in (allowed or ()):
            return None
        if name == "table" and open_count.get("p"):
            return None  # a browser closes the <p> unless the page is in quirks mode
        parent = stack[-1]
        at_top = len(stack) == 1 and not body.children
        if name in ("style", "script", "link") and at_top and not _joined(pieces, body).strip(HTML_SPACE):
            parent = head  # before any content a browser puts them in <head>
        node = Node(name=name, attrs={key: a.value for key, a in tag.attrs.items()}, parent=parent, tag=tag)
        parent.children.append(node)
        if name not in VOID:
            stack.append(node)
            open_count[name] = open_count.get(name, 0) + 1
            if name in RAWTEXT:
                close = n  # the lexer's own end tag comes first after the start tag
                for j in range(bisect_left(end_starts, tag.end), len(end_starts)):
                    if doc.end_tags[j].name == name:
                        close = end_starts[j]
                        break
                node.text = source[tag.end : close]
    if not take_text(n + 1) or any(node.name != "p" for node in stack[1:]):
        return None  # a <p> left open at the end is closed without a word; any other element is not
    for node, texts in pieces.values():
        node.text += "".join(texts)
    return Tree(root=root, errors=[])


def _joined(pieces: dict[int, tuple[Node, list[str]]], node: Node) -> str:
    return node.text + "".join(pieces[id(node)][1]) if id(node) in pieces else node.text


class TooBroken(Exception):
    """html5lib met more parse errors than the limit: the document is refused, not parsed to the end."""


class _Parser(html5lib.HTMLParser):
    def __init__(self, max_errors: int | None) -> None:
        super().__init__(tree=treebuilders.getTreeBuilder("etree"), namespaceHTMLElements=False)
        self.max_errors = max_errors

    def parseError(self, errorcode: str = "XXX-undefined-error", datavars: Any = None) -> None:  # noqa: N802
        if self.max_errors is not None and len(self.errors) >= self.max_errors:
            raise TooBroken
        super().parseError(errorcode, datavars)


def parse(doc: Lexed, max_errors: int | None = None) -> Tree:
    """The tree of DOC; past MAX_ERRORS parse errors, TooBroken."""
    quick = quick_tree(doc)
    if quick is not None:
        return quick
    parser = _Parser(max_errors)
    root_element = parser.parse(doc.source)
    errors = [(pos, code) for pos, code, _ in parser.errors]

    def make(element: Any, parent: Node | None) -> Node:
        return Node(
            name=_local(element.tag),
            attrs={_local(k): str(v) for k, v in element.attrib.items()},
            parent=parent,
            text=element.text or "",
        )

    root = make(root_element, None)
    stack = [(root_element, root)]
    while stack:  # no recursion: a deep tree must not exhaust the stack
        element, node = stack.pop()
        texts = [node.text]
        for child in element:
            if isinstance(child.tag, str):  # not a comment or processing instruction
                child_node = make(child, node)
                node.children.append(child_node)
                stack.append((child, child_node))
            texts.append(child.tail or "")
        node.text = "".join(texts)
    _align(root, doc.tags)
    return Tree(root=root, errors=errors)


def _align(root: Node, tags: list[Tag]) -> None:
    """Tie tree elements to source start tags: same name and attributes, in document order."""
    cursor = 0
    for node in root.walk():
        for k in range(cursor, min(cursor + 64, len(tags))):
            tag = tags[k]
            if tag.name == node.name and {a: v.value for a, v in tag.attrs.items()} == node.attrs:
                node.tag = tag
                cursor = k + 1
                break


def offset_of(source: str, line: int, col: int) -> int:
    """Offset of html5lib's (line, col) in SOURCE (lines counted from 1)."""
    pos = 0
    for _ in range(line - 1):
        nxt = source.find("\n", pos)
        if nxt < 0:
            return len(source)
        pos = nxt + 1
    return min(pos + max(col, 0), len(source))
