"""The gate: one call scans plain text or HTML and says clean or blocked.

    result = scan(text_or_html, names=["市财政局", …])
    result.verdict        # "clean" | "blocked"
    result.findings       # Finding(kind, start, end, excerpt, severity, message, field)

`start`/`end` are offsets into the input as given, and `excerpt` is exactly
`input[start:end]`, whatever disguise the match saw through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from . import htmldoc, htmltree, links, structure, textcheck
from .conf import ContentSecSettings
from .finding import Finding, ScanResult
from .hidden import Visibility
from .names import NameIndex, configured_names
from .normalize import compact, compact_plain, skeleton
from .ruleset import Ruleset, load

_PLAIN_URL = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+")
# Attributes whose text a reader or a search engine sees.
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
META_TEXT = ("keywords", "description", "title", "og:title", "og:description")


@dataclass
class Options:
    rules: Ruleset
    allowed: list[str]
    names: list[tuple[str, str]] = field(default_factory=list)  # (compact, as written)
    index: NameIndex = field(default_factory=NameIndex)


# Options already built, by (rule set, allow-list, names): every request asks for the options of
# the names the platform holds right now, which change rarely; a changed name is another key.
_OPTIONS: dict[tuple[int, tuple[str, ...], tuple[str, ...]], Options] = {}
_OPTIONS_KEPT = 4


def options(*, names: Iterable[str] = (), allowed: Iterable[str] | None = None, folder: Path | None = None) -> Options:
    """Rules, allow-list and protected names, ready to scan many texts with.

    NAMES are the organizations' and units' names (`known_names()` reads them);
    the upper committees configured in settings are always added. Built once per
    process for the same rules, allow-list and names (`clear_options()` forgets them).
    """
    from dangjian.publicity.conf import own_hosts

    settings = ContentSecSettings.current()
    rules = load(Path(folder or settings.rules_dir))
    if allowed is None:
        allowed = [*rules.allowed_domains, *settings.extra_allowed_domains, *own_hosts()]
    hosts = tuple(a.lower().removeprefix("*.") for a in allowed)
    all_names = (*names, *configured_names())
    key = (id(rules), hosts, all_names)
    cached = _OPTIONS.get(key)
    if cached is not None and cached.rules is rules:
        return cached
    pairs = textcheck.protected_names(all_names, rules)
    built = Options(rules=rules, allowed=list(hosts), names=pairs, index=NameIndex.build(pairs))
    _OPTIONS[key] = built
    while len(_OPTIONS) > _OPTIONS_KEPT:
        try:
            del _OPTIONS[next(iter(_OPTIONS))]
        except (KeyError, StopIteration, RuntimeError):  # another thread evicted it first
            break
    return built


def clear_options() -> None:
    """Forget the options built so far (the next `options()` builds them again)."""
    _OPTIONS.clear()


def scan(content: str, *, opts: Options | None = None, field: str = "", html: bool | None = None) -> ScanResult:
    """Scan CONTENT; HTML=None decides by looking for tags.

    Input past the limits of rules/config.toml ([limits]: characters, nesting
    depth) is not walked at all: one blocking finding refuses it.
    """
    opts = opts or options()
    limits = opts.rules.limits
    if len(content) > limits.max_chars:
        return ScanResult(
            [
                _refusal(
                    "too_large",
                    content,
                    0,
                    f"内容过长（{len(content)} 个字符，上限 {limits.max_chars} 个），无法完成内容安全检查，请分篇提交",
                    opts.rules,
                    field,
                )
            ]
        )
    is_html = htmldoc.looks_like_html(content) if html is None else html
    try:
        findings = scan_html(content, opts, field) if is_html else scan_plain(content, opts, field)
    except RecursionError:
        message = "HTML 结构过于复杂，无法完成内容安全检查，请清除格式后重新提交"
        findings = [_refusal("broken_html", content, 0, message, opts.rules, field)]
    return ScanResult(_tidy(findings))


def _refusal(kind: str, source: str, at: int, message: str, rules: Ruleset, field: str) -> Finding:
    end = min(len(source), at + structure.EXCERPT_MAX)
    return Finding(kind, at, end, source[at:end], rules.severity(kind), message, field)


def scan_fields(fields: list[tuple[str, str, bool]], *, opts: Options | None = None) -> ScanResult:
    """Scan several named fields (name, content, is_html) into one result."""
    opts = opts or options()
    findings: list[Finding] = []
    for name, content, is_html in fields:
        findings += scan(content, opts=opts, field=name, html=is_html).findings
    return ScanResult(findings)


def scan_plain(text: str, opts: Options, field: str = "") -> list[Finding]:
    c = compact_plain(text, opts.rules.homoglyphs, tags=True)
    findings = textcheck.check(c, text, opts.rules, field=field, names=opts.names, index=opts.index)
    for m in _plain_urls(text):
        url = m.group() if "://" in m.group() else "http://" + m.group()
        verdict = links.judge(url, opts.rules, opts.allowed)
        if verdict.kind:
            findings.append(links.finding_for(verdict, opts.rules, text, m.start(), m.end(), field))
    return findings


_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_URL_ANCHOR = re.compile(r"://|www\.")


def _plain_urls(text: str) -> Iterator[re.Match[str]]:
    """What _PLAIN_URL.finditer(TEXT) finds, trying it only where a match can begin.

    A scheme begins at the first letter of the run of scheme characters before its "://" (from a
    later letter of the run the match fails or is found earlier); "www." begins where it is. Tried
    from every letter, a long run of letters costs the square of its length.
    """
    starts: set[int] = set()
    for anchor in _URL_ANCHOR.finditer(text):
        at = anchor.start()
        if anchor.group() == "www.":
            starts.add(at)
            continue
        run = at
        while run > 0 and text[run - 1] in _SCHEME_CHARS:
            run -= 1
        first = next((k for k in range(run, at) if text[k].isascii() and text[k].isalpha()), None)
        if first is not None:
            starts.add(first)
    done = 0
    for at in sorted(starts):
        if at < done:
            continue
        m = _PLAIN_URL.match(text, at)
        if m:
            yield m
            done = m.end()


def _text_findings(text: htmldoc.Text, source: str, opts: Options, field: str, codes: bool = True) -> list[Finding]:
    c = compact(text.string, text.starts, text.ends, opts.rules.homoglyphs)
    return textcheck.check(c, source, opts.rules, field=field, names=opts.names, codes=codes, index=opts.index)


# Joins the links' texts for one look for listed words: a letter no rule holds, so no word runs across it.
_URL_JOIN = "\ua66e"


def _url_findings(ranges: list[tuple[int, int]], source: str, opts: Options, field: str) -> list[Finding]:
    """Listed words in the links (betting codes are not looked for there: URLs are full of them).

    Only a listed word (a hit of the rules' automata) can make a finding in a link, so the links'
    texts are first looked through together, once; only when a word shows up is each link checked.
    """
    texts = [source[s:e] if "&" not in source[s:e] else htmldoc.decode(source, s, e).string for s, e in ranges]
    joined = _URL_JOIN.join(texts)
    if _URL_JOIN in "".join(texts):
        return _each_url(ranges, source, opts, field)
    text = compact_plain(joined, opts.rules.homoglyphs).text
    rules = opts.rules
    for automaton, folded in ((rules.automaton, text), (rules.skeleton_automaton, skeleton(text))):
        if folded and automaton.kind == ahocorasick.AHOCORASICK and next(automaton.iter(folded), None) is not None:
            return _each_url(ranges, source, opts, field)
    return []


def _each_url(ranges: list[tuple[int, int]], source: str, opts: Options, field: str) -> list[Finding]:
    findings: list[Finding] = []
    for start, end in ranges:
        findings += _text_findings(htmldoc.decode(source, start, end), source, opts, field, codes=False)
    return findings


def scan_html(source: str, opts: Options, field: str = "body") -> list[Finding]:
    rules = opts.rules
    max_depth = rules.limits.max_depth
    doc = htmldoc.lex(source, max_depth=max_depth)
    if doc.too_deep is not None:
        message = f"HTML 标签嵌套过深（超过 {max_depth} 层），无法完成内容安全检查，请清除格式后重新提交"
        return [_refusal("broken_html", source, doc.too_deep.start, message, rules, field)]
    try:
        tree = htmltree.parse(doc, max_errors=rules.limits.max_parse_errors)
    except htmltree.TooBroken:
        message = (
            f"HTML 结构错误过多（超过 {rules.limits.max_parse_errors} 处错位或残缺的标签），"
            "无法完成内容安全检查，请清除格式后重新提交"
        )
        return [_refusal("broken_html", source, 0, message, rules, field)]
    findings = _text_findings(doc.body, source, opts, field)
    findings += _text_findings(doc.title, source, opts, "page_title" if not field or field == "body" else field)
    for comment in doc.comments:
        findings += _text_findings(comment.text, source, opts, field)
    url_ranges: list[tuple[int, int]] = []  # source ranges of the attributes that hold a link
    for tag in doc.tags:
        for name in TEXT_ATTRIBUTES:
            if name in tag.attrs:
                findings += _text_findings(tag.attrs[name].text(source), source, opts, field)
        if tag.name == "meta" and (tag.attr("name") or tag.attr("property") or "").lower() in META_TEXT:
            if "content" in tag.attrs:
                findings += _text_findings(tag.attrs["content"].text(source), source, opts, field)
        for attr_name, url in links.urls_of(tag.name, {k: a.value for k, a in tag.attrs.items()}):
            attr = tag.attrs.get(attr_name) or tag.attrs.get("style")
            start, end = (attr.start, attr.end) if attr else (tag.start, tag.end)
            verdict = links.judge(url, rules, opts.allowed, image=tag.name in ("img", "source"))
            if verdict.kind:
                findings.append(links.finding_for(verdict, rules, source, start, end, field))
            url_ranges.append((start, end))
    findings += _url_findings(url_ranges, source, opts, field)
    findings += _hidden(doc, tree, source, rules, field)
    findings += structure.check(doc, tree, rules, field)
    return findings


def _visible_text(node: htmltree.Node) -> str:
    parts: list[str] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.name in ("script", "style"):
            continue
        parts.append(n.text)
        stack.extend(reversed(n.children))
    return "".join(parts)


def _has_link(node: htmltree.Node) -> bool:
    return any(_is_link(n) for n in node.walk())


def _is_link(node: htmltree.Node) -> bool:
    href = node.attrs.get("href", "").strip()
    return node.name in ("a", "area") and bool(href) and not href.startswith("#")


def _hidden(doc: htmldoc.Lexed, tree: htmltree.Tree, source: str, rules: Ruleset, field: str) -> list[Finding]:
    html_rules = rules.html
    vis = Visibility(
        tree.root, html_rules.get("hidden", {}), html_rules.get("hidden", {}).get("invisible_elements", [])
    )
    findings: list[Finding] = []

    def emit(kind: str, node: htmltree.Node, message: str) -> None:
        span = node.span
        if span is None:  # an element the parser made up: point at its first tied descendant
            tied = next((n for n in node.walk() if n.span is not None), None)
            span = tied.span if tied is not None and tied.span is not None else (0, 0)
        start, end = span
        findings.append(Finding(kind, start, end, source[start:end], rules.severity(kind), message, field))

    # <noscript> by its source range: html5lib may move its content elsewhere.
    noscripts = [(t.start, t.end_of_element or len(source)) for t in doc.tags if t.name == "noscript"]
    reported: set[int] = set()
    for node in tree.root.walk():
        if _is_link(node):
            hidden = vis.hidden_by(node)
            inside = node.span is not None and any(s < node.span[0] < e for s, e in noscripts)
            if hidden is None and inside:
                emit("hidden_link", node, "隐藏链接（暗链）：位于 <noscript> 中")
            elif hidden is not None:
                container, why = hidden
                where = "链接本身" if container is node else f"外层 <{container.name}>"
                emit("hidden_link", node, f"隐藏链接（暗链）：{where}{why}")
            elif node.name == "a" and not _visible_text(node).strip() and not any(n.name == "img" for n in node.walk()):
                emit("hidden_link", node, "隐藏链接（暗链）：链接没有可见文字")
            continue
        reason = vis.own_reason(node)
        if not reason or node.name in vis.invisible or any(id(a) in reported for a in node.ancestors()):
            continue
        reported.add(id(node))
        if not _has_link(node) and len(_visible_text(node).strip()) >= 2:
            emit("hidden_content", node, f"隐藏内容：{reason}")
    return findings


def _tidy(findings: list[Finding]) -> list[Finding]:
    """One finding per kind and place, in order of appearance."""
    seen: set[tuple[str, int, int, str]] = set()
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, f.end, f.kind)):
        key = (f.kind, f.start, f.end, f.field)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
