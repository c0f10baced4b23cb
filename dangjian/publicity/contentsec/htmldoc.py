"""Reading HTML for the gate: text with source offsets, and a browser-grade tree.

Two passes over the same source:

* a small lexer that walks the source once and keeps, for every character of
  text, the source range it came from (an entity like &amp; is one character
  from five), every start tag with the source range of each attribute value,
  comments, raw-text blocks (script, style) and whether the document goes on
  after </html>. The text checks run on its segments, so a finding's
  start/end point into the original input.
* html5lib (in htmltree), which builds the tree the way a browser does (unclosed tags,
  misnesting, content after </body>) and reports parse errors. The hidden-link
  checks run on that tree; each element is tied back to the lexer's start tag
  of the same name and attributes, in document order, for its offsets.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

RAWTEXT = {"script", "style", "xmp", "iframe", "noembed", "noframes"}
RCDATA = {"title", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements that start a new line: a short word does not run across them.
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
}  # fmt: skip

_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_SPECIAL = re.compile(r"[<&]")
_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_PLAIN_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)>")
_SKIP = re.compile(r"[\s/]*")  # \s is str.isspace
# A name may start with "=" (`<a =x>`: HTML's tokenizer makes that the name "=x", as html5lib does).
_ATTR = re.compile(
    r"""\s*(=?[^\s"'>/=]+|=)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]*)))?""",
)


@dataclass
class Text:
    """Characters with the source range of each."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def add(self, ch: str, start: int, end: int) -> None:
        self.chars.append(ch)
        self.starts.append(start)
        self.ends.append(end)

    def add_break(self, at: int) -> None:
        if self.chars and self.chars[-1] != "\n":
            self.add("\n", at, at)

    @property
    def string(self) -> str:
        return "".join(self.chars)


@dataclass
class Attr:
    name: str
    value: str
    start: int  # source range of the raw value (without quotes)
    end: int

    def text(self, source: str) -> Text:
        return decode(source, self.start, self.end)


@dataclass
class Tag:
    name: str
    start: int
    end: int  # just after '>'
    attrs: dict[str, Attr]
    closing: bool = False
    end_of_element: int | None = None  # just after the matching end tag, when found

    def attr(self, name: str) -> str | None:
        a = self.attrs.get(name)
        return a.value if a else None


@dataclass
class Comment:
    start: int
    end: int
    text: Text
    closed: bool


@dataclass
class Lexed:
    source: str
    body: Text = field(default_factory=Text)
    title: Text = field(default_factory=Text)
    tags: list[Tag] = field(default_factory=list)  # start tags, in order
    end_tags: list[Tag] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    raw: list[tuple[str, int, int]] = field(default_factory=list)  # (tag, content start, content end)
    after_html: int | None = None  # offset of the first content after </html>
    depth: int = 0  # the deepest nesting of elements seen (a browser's depth, roughly)
    too_deep: Tag | None = None  # the first start tag past the depth limit, when the lexer stopped there


def decode(source: str, start: int, end: int, into: Text | None = None) -> Text:
    """Text of SOURCE[start:end] with entities decoded, keeping each character's source range."""
    out = into if into is not None else Text()
    i = start
    while i < end:
        if source[i] == "&":
            m = _ENTITY.match(source, i, end)
            if m:
                for ch in html.unescape(m.group()):
                    out.add(ch, i, m.end())
                i = m.end()
                continue
        out.add(source[i], i, i + 1)
        i += 1
    return out


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(?:[A-Za-z][A-Za-z0-9-]*[\s/>]|/[A-Za-z]|!--|!doctype)", text, re.I))


def _parse_tag(source: str, i: int) -> tuple[Tag, int]:
    """The tag starting at SOURCE[i] == '<'; returns it and the offset after it."""
    plain = _PLAIN_TAG.match(source, i)
    if plain:  # <p>, </p>, <br>: most tags of an article
        end = plain.end()
        return Tag(name=plain.group(2).lower(), start=i, end=end, attrs={}, closing=bool(plain.group(1))), end
    n = len(source)
    closing = source.startswith("</", i)
    j = i + (2 if closing else 1)
    m = _TAG_NAME.match(source, j)
    name = m.group().lower() if m else ""
    j = m.end() if m else j
    attrs: dict[str, Attr] = {}
    while j < n:
        skipped = _SKIP.match(source, j)  # spaces and slashes between attributes
        j = skipped.end() if skipped else j
        if j >= n or source[j] == ">":
            break
        a = _ATTR.match(source, j)
        if not a or a.end() == j:
            j += 1
            continue
        key = a.group(1).lower()
        group = a.lastindex or 1  # the value's group (2, 3 or 4: one at most matches), or the name's
        vs, ve = a.span(group) if group > 1 else (a.end(), a.end())
        if key not in attrs:
            attrs[key] = Attr(key, html.unescape(source[vs:ve]), vs, ve)
        j = a.end()
    end = min(j + 1, n)
    return Tag(name=name, start=i, end=end, attrs=attrs, closing=closing), end


# Start tags that close an open element of the same name (a new <p> ends the open <p>),
# unless a container lies in between (a <td> in a table nested in a <td>).
SELF_CLOSING_SIBLINGS = {"p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot"}
SCOPE_BOUNDARIES = {"table", "ul", "ol", "dl", "select", "div", "td", "th", "blockquote", "section", "article"}


def _close_sibling(open_names: list[str], name: str) -> None:
    for k in range(len(open_names) - 1, -1, -1):
        if open_names[k] == name:
            del open_names[k:]
            return
        if open_names[k] in SCOPE_BOUNDARIES:
            return


def lex(source: str, max_depth: int | None = None) -> Lexed:
    """Lex SOURCE; with MAX_DEPTH, stop at the first start tag nested deeper (doc.too_deep)."""
    doc = Lexed(source=source)
    n = len(source)
    i = 0
    html_closed = False
    open_names: list[str] = []
    while i < n:
        ch = source[i]
        if ch == "<" and source.startswith("<!--", i):
            close = source.find("-->", i + 4)
            closed = close >= 0
            stop = close if closed else n
            doc.comments.append(Comment(i, stop + 3 if closed else n, decode(source, i + 4, stop), closed))
            i = stop + 3 if closed else n
            continue
        if (
            ch == "<"
            and i + 1 < n
            and (source[i + 1].isalpha() or (source[i + 1] == "/" and i + 2 < n and source[i + 2].isalpha()))
        ):
            tag, after = _parse_tag(source, i)
            if html_closed and doc.after_html is None and not (tag.closing and tag.name in ("html", "body")):
                doc.after_html = i
            if tag.closing:
                if tag.name in open_names:
                    del open_names[len(open_names) - 1 - open_names[::-1].index(tag.name) :]
                doc.end_tags.append(tag)
                if tag.name in BLOCKS:
                    doc.body.add_break(i)
                if tag.name == "html":
                    html_closed = True
                i = after
                continue
            doc.tags.append(tag)
            if tag.name not in VOID:
                if tag.name in SELF_CLOSING_SIBLINGS:
                    _close_sibling(open_names, tag.name)
                open_names.append(tag.name)
                doc.depth = max(doc.depth, len(open_names))
                if max_depth is not None and len(open_names) > max_depth:
                    doc.too_deep = tag
                    break
            if tag.name in BLOCKS:
                doc.body.add_break(i)
            if tag.name in RAWTEXT or tag.name in RCDATA:
                close_at = _find_close(source, tag.name, after)
                if tag.name in RCDATA:
                    decode(source, after, close_at, doc.title if tag.name == "title" else doc.body)
                else:
                    doc.raw.append((tag.name, after, close_at))
                i = close_at
                continue
            i = after
            continue
        if ch == "<" and i + 1 < n and source[i + 1] in "!?/":
            close = source.find(">", i)
            i = n if close < 0 else close + 1
            continue
        if html_closed and doc.after_html is None and not ch.isspace():
            doc.after_html = i
        if ch != "&" and ch != "<" and not html_closed:
            # A run of plain text up to the next tag or entity, in one go.
            m = _SPECIAL.search(source, i + 1)
            j = m.start() if m else n
            body = doc.body
            body.chars.extend(source[i:j])
            body.starts.extend(range(i, j))
            body.ends.extend(range(i + 1, j + 1))
            i = j
            continue
        if ch == "&":
            m = _ENTITY.match(source, i)
            if m:
                for c in html.unescape(m.group()):
                    doc.body.add(c, i, m.end())
                i = m.end()
                continue
        doc.body.add(ch, i, i + 1)
        i += 1
    _pair_end_tags(doc)
    return doc


def _find_close(source: str, name: str, start: int) -> int:
    m = re.compile(rf"</{re.escape(name)}[\s/>]", re.I).search(source, start)
    return m.start() if m else len(source)


def _pair_end_tags(doc: Lexed) -> None:
    """Give each start tag the end of its element, where a matching end tag follows (a simple stack per name)."""
    events = sorted([(t.start, 0, t) for t in doc.tags] + [(t.start, 1, t) for t in doc.end_tags], key=lambda e: e[0])
    open_tags: dict[str, list[Tag]] = {}
    for _, is_end, tag in events:
        if tag.name in VOID:
            continue
        if is_end:
            stack = open_tags.get(tag.name)
            if stack:
                stack.pop().end_of_element = tag.end
        else:
            open_tags.setdefault(tag.name, []).append(tag)
