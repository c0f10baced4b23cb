"""Spam strings and sensitive words in a stretch of text.

Runs on the compact form (normalize.py), so full-width letters, inserted
spaces, symbols and zero-width characters, case and look-alike letters change
nothing. What counts as spam (rules/seo/*.txt, rules/words/*.txt):

* a strong brand (新葡京, bet365): anywhere;
* a weak brand (金沙, 银河, 皇冠): only right next to a marker (官网, app,
  下载 …), right next to digits (金沙9159) or right after a prefix (澳门金沙);
* a betting code (js55, pj8455, 9159) right next to a strong marker (官网,
  娱乐, 开户 …) — ordinary numbers (365天, 第365号文件, years, 12371) are not
  codes or have no such marker beside them;
* a sensitive word of a category (百家乐, 成人视频 …), with the category's severity.

A spam string found between the two halves of a known organization's name
(市财 + 澳门新葡京官网 + 局 for 市财政局) is reported as name_tampered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from . import families, scorer
from . import names as namecheck
from .finding import WARN, Finding
from .normalize import Compact, compact_pattern
from .ruleset import MARKER_STRONG, MARKER_WEAK, PREFIX, STRONG, WEAK, WORD, Pattern, Ruleset

_TOKEN = re.compile(r"[a-z0-9]+")
_YEAR = re.compile(r"(19|20)\d\d")
_YEARS = re.compile(r"(?:(?:19|20)\d\d)+")


@dataclass(frozen=True)
class Hit:
    start: int  # compact offsets
    end: int
    pattern: Pattern


def _iter(automaton: ahocorasick.Automaton, text: str) -> Iterable[tuple[int, int, Pattern]]:
    if automaton.kind != ahocorasick.AHOCORASICK or not text:
        return
    for end_index, (key, patterns) in automaton.iter(text):
        for p in patterns:
            yield end_index - len(key) + 1, end_index + 1, p


def find_hits(c: Compact, rules: Ruleset) -> list[Hit]:
    seen: set[tuple[int, int, Pattern]] = set()
    hits: list[Hit] = []
    for source in (_iter(rules.automaton, c.text), _iter(rules.skeleton_automaton, c.skeleton())):
        for start, end, p in source:
            # A two-character word must not run across the end of a sentence
            # (…葡。京… is two sentences, not a brand).
            if end - start <= 2 and c.broken(start, end):
                continue
            # A Latin entry must not be part of a longer English word (365better, pornography).
            if c.inside_latin_word(start, end):
                continue
            if (start, end, p) not in seen:
                seen.add((start, end, p))
                hits.append(Hit(start, end, p))
    return hits


class _Context:
    def __init__(self, c: Compact, hits: list[Hit], rules: Ruleset) -> None:
        self.c = c
        self.rules = rules
        self.min_digits = int(rules.seo.get("min_digits", 2))
        self.starting: dict[int, list[Hit]] = {}
        self.ending: dict[int, list[Hit]] = {}
        for h in hits:
            self.starting.setdefault(h.start, []).append(h)
            self.ending.setdefault(h.end, []).append(h)

    def joined(self, at: int) -> bool:
        """Whether compact positions at-1 and at touch without a hard break."""
        return at not in self.c.breaks

    def marker_after(self, end: int, roles: tuple[str, ...]) -> Hit | None:
        if not self.joined(end):
            return None
        found = [h for h in self.starting.get(end, ()) if h.pattern.role in roles]
        return max(found, key=lambda h: h.end) if found else None

    def marker_before(self, start: int, roles: tuple[str, ...]) -> Hit | None:
        if not self.joined(start):
            return None
        found = [h for h in self.ending.get(start, ()) if h.pattern.role in roles]
        return min(found, key=lambda h: h.start) if found else None

    def digits_after(self, end: int) -> bool:
        m = re.match(rf"[a-z]{{0,4}}\d{{{self.min_digits},}}", self.c.text[end : end + 24])
        return bool(m) and self.joined(end)

    def digits_before(self, start: int) -> bool:
        m = re.search(rf"\d{{{self.min_digits},}}[a-z]{{0,4}}$", self.c.text[max(0, start - 24) : start])
        return bool(m) and self.joined(start)

    def glued(self, at: int) -> bool:
        """Whether positions at-1 and at touch without any break, not even a comma."""
        return at not in self.c.breaks and at not in self.c.soft

    def extend(self, start: int, end: int) -> tuple[int, int]:
        """Grow a spam span over the markers, codes and brands glued to it (for the report)."""
        text = self.c.text
        markers = (MARKER_STRONG, MARKER_WEAK, STRONG, WEAK, PREFIX)
        while True:
            before, after = start, end
            while end < len(text) and self.glued(end) and re.match(r"[a-z0-9]", text[end]):
                end += 1
            m = self.marker_after(end, markers) if self.glued(end) else None
            if m is not None:
                end = max(end, m.end)
            while start > 0 and self.glued(start) and re.match(r"[a-z0-9]", text[start - 1]):
                start -= 1
            m = self.marker_before(start, markers) if self.glued(start) else None
            if m is not None:
                start = min(start, m.start)
            if (start, end) == (before, after):
                return start, end


def _is_code(token: str, rules: Ruleset) -> bool:
    if len(token) < 3 or token.isalpha():
        return False
    known = rules.codes.get(token)
    if known is None:
        if len(rules.codes) >= 20_000:
            rules.codes.clear()
        known = rules.codes[token] = _reads_as_code(token, rules)
    return known


def _reads_as_code(token: str, rules: Ruleset) -> bool:
    rest = token
    for safe in rules.safe_tokens:
        if safe in rest:
            rest = rest.replace(safe, "")
    digits = sum(ch.isdigit() for ch in rest)
    letters = sum(ch.isalpha() for ch in rest)
    if letters == 0:
        return digits >= int(rules.seo.get("min_pure_digits", 3)) and not _YEAR.fullmatch(rest)
    return digits >= int(rules.seo.get("min_digits", 2)) and len(rest) >= 4


def _tokens(c: Compact) -> list[tuple[int, int]]:
    """Runs of Latin letters and digits, cut at hard breaks (found once per compact text)."""
    if c.tokens is None:
        c.tokens = list(_find_tokens(c))
    return c.tokens


def _find_tokens(c: Compact) -> Iterable[tuple[int, int]]:
    for m in _TOKEN.finditer(c.text):
        start = m.start()
        for i in range(m.start() + 1, m.end()):
            if i in c.breaks:
                yield start, i
                start = i
        yield start, m.end()


# Families of the list-based rules (families.py has the shape-based ones).
BRAND = "brand"  # a listed betting brand
BRAND_IN_CONTEXT = "brand_in_context"  # a listed weak brand next to a marker, digits or a prefix
CODE = "code_next_to_marker"  # js55娱乐, 9159官网
WORD_FAMILY = "sensitive_word"

Span = tuple[int, int, str, str]  # compact start, end, what, family


def spam_spans(c: Compact, hits: list[Hit], rules: Ruleset) -> list[Span]:
    """(start, end, what, family) of spam strings in compact offsets, merged."""
    ctx = _Context(c, hits, rules)
    spans: list[Span] = []
    any_marker = (MARKER_STRONG, MARKER_WEAK)
    for h in hits:
        if h.pattern.role == STRONG:
            spans.append((*ctx.extend(h.start, h.end), h.pattern.text, BRAND))
        elif h.pattern.role == WEAK and (
            ctx.marker_after(h.end, any_marker)
            or ctx.marker_before(h.start, (MARKER_STRONG, PREFIX))
            or ctx.digits_after(h.end)
            or ctx.digits_before(h.start)
        ):
            spans.append((*ctx.extend(h.start, h.end), h.pattern.text, BRAND_IN_CONTEXT))
    if rules.families is not None:
        spans += [(*ctx.extend(s, e), what, fam) for s, e, what, fam in families.spans(c, rules.families)]
    named = len(spans)
    for start, end in _tokens(c):
        if not _is_code(c.text[start:end], rules):
            continue
        # Betting codes come before their marker (9159官网, js55娱乐); a marker
        # before a number is ordinary text (文体娱乐200余场), before a code with
        # letters it is not (官网js55).
        has_letters = any(ch.isalpha() for ch in c.text[start:end])
        if ctx.marker_after(end, (MARKER_STRONG,)) or (has_letters and ctx.marker_before(start, (MARKER_STRONG,))):
            spans.append((*ctx.extend(start, end), c.text[start:end], CODE))
    return _merge(spans, named)


def _merge(spans: list[Span], named: int | None = None) -> list[Span]:
    """Union overlapping spans; a merged span is named after a brand it holds, if any (the first NAMED are brands)."""
    named = len(spans) if named is None else named
    ranked = sorted((s, e, i >= named, w, f) for i, (s, e, w, f) in enumerate(spans))
    merged: list[list] = []
    for start, end, is_code, what, fam in ranked:
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if last[2] and not is_code:
                last[2], last[3], last[4] = False, what, fam
        else:
            merged.append([start, end, is_code, what, fam])
    return [(s, e, w, f) for s, e, _, w, f in merged]


def tampered_name(
    c: Compact, start: int, end: int, names: list[tuple[str, str]], index: namecheck.NameIndex | None = None
) -> str | None:
    """The protected name whose head ends right before START and whose tail starts at END, if any.

    NAMES holds (compact name, name as written); INDEX, built from the same names, answers
    without walking them all.
    """
    reach = namecheck.SPLICE_REACH
    before = c.text[max(0, start - reach) : start]
    after = c.text[end : end + reach]
    if index is not None and index.pairs:
        return index.spliced(before, after)
    for key, name in names:
        for i in range(len(key) - 1, 0, -1):
            if not before.endswith(key[:i]):
                continue
            for j in range(i, len(key)):
                if after.startswith(key[j:]) and len(key[:i]) + len(key[j:]) >= 2:
                    return name
    return None


STATISTICAL = "statistical"


def _second_opinion(
    c: Compact, source: str, model: scorer.Scorer, spans: list[Span], hits: list[Hit], field: str
) -> list[Finding]:
    """Warnings for the windows the n-gram scorer rates as spam, where no rule found anything."""
    taken = [(s, e) for s, e, _, _ in spans] + [(h.start, h.end) for h in hits if h.pattern.role == WORD]
    out = []
    for start, end, score in model.spans(c):
        if any(s < end and start < e for s, e in taken):
            continue
        s, e = c.source_range(start, end)
        message = f"统计模型认为这段文字像赌博/色情推广（得分 {score:.2f}），请审核人员确认"
        out.append(Finding("spam_score", s, e, source[s:e], WARN, message, field, family=STATISTICAL))
    return out


CODE_IN_NAME = "code_in_name"
NAME_INSERTION = "name_insertion"


def _name_findings(
    c: Compact,
    source: str,
    rules: Ruleset,
    spans: list[Span],
    names: list[tuple[str, str]],
    index: namecheck.NameIndex | None,
    field: str,
    codes: bool,
) -> list[Finding]:
    """Spam strings (seo_spam, or name_tampered when inside a name), codes and insertions inside names."""
    found = namecheck.endings(c, rules.names) if rules.names is not None else []
    findings: list[Finding] = []

    def add(start: int, end: int, kind: str, message: str, family: str) -> None:
        s, e = c.source_range(start, end)
        findings.append(Finding(kind, s, e, source[s:e], rules.severity(kind), message, field, family=family))

    for start, end, what, family in spans:
        ending = namecheck.inside_name(c, start, end, found, rules.names) if rules.names and found else None
        name = namecheck.resembled(c, start, end, ending, index) if ending is not None and index else None
        name = name or tampered_name(c, start, end, names, index)
        if name:
            add(start, end, "name_tampered", f"组织名称“{name}”中被插入了推广字符串（{what}）", family)
        elif ending is not None:
            add(start, end, "name_tampered", f"组织名称中被插入了推广字符串（{what}）", family)
        else:
            add(start, end, "seo_spam", f"疑似赌博/色情推广字符串（{what}）", family)
    if not found or rules.names is None or not codes:
        return findings
    covered = bytearray(len(c.text) + 1)  # 1 where a spam string already found lies (overlap in C)
    for s, e, _, _ in spans:
        covered[s:e] = b"\x01" * (e - s)
    for start, end in _tokens(c):
        if covered.find(1, start, end) != -1 or not _is_code(c.text[start:end], rules):
            continue
        if any(i in c.soft for i in range(start + 1, end)) or _YEARS.fullmatch(c.text[start:end]):
            continue  # a time (3:00) or years (2022—2024), not a code
        ending = namecheck.inside_name(c, start, end, found, rules.names)
        if ending is None:
            continue
        name = namecheck.resembled(c, start, end, ending, index) if index is not None else None
        shown = f"组织名称“{name}”" if name else "组织名称"
        add(start, end, "name_tampered", f"{shown}中被插入了字母或数字代码（{c.text[start:end]}）", CODE_IN_NAME)
        covered[start:end] = b"\x01" * (end - start)
    if index is None or not index.pairs:
        return findings
    for ending in found:
        hit = namecheck.insertion(c, ending, index, rules.names)
        if hit is None or covered.find(1, hit[0], hit[1]) != -1:
            continue
        start, end, name = hit
        s, e = c.source_range(start, end)
        message = f"组织名称“{name}”中被插入了“{source[s:e]}”，与平台登记的名称不符"
        add(start, end, "name_tampered", message, NAME_INSERTION)
        covered[start:end] = b"\x01" * (end - start)
    return findings


def protected_names(names: Iterable[str], rules: Ruleset) -> list[tuple[str, str]]:
    out = []
    for name in names:
        key = compact_pattern(name, rules.homoglyphs)
        if len(key) >= namecheck.MIN_NAME:
            out.append((key, name))
    return out


def check(
    c: Compact,
    source: str,
    rules: Ruleset,
    *,
    field: str = "",
    names: list[tuple[str, str]] | None = None,
    codes: bool = True,
    index: namecheck.NameIndex | None = None,
) -> list[Finding]:
    """Findings in C, whose spans point into SOURCE. CODES=False skips betting codes (for URLs)."""
    if not c.text:
        return []
    hits = find_hits(c, rules)
    spans = (
        spam_spans(c, hits, rules)
        if codes
        else _merge([(h.start, h.end, h.pattern.text, BRAND) for h in hits if h.pattern.role == STRONG])
    )
    findings = _name_findings(c, source, rules, spans, names or [], index, field, codes)
    if codes and rules.scorer is not None:
        said = [(f.start, f.end) for f in findings]
        findings += [
            f
            for f in _second_opinion(c, source, rules.scorer, spans, hits, field)
            if not any(s < f.end and f.start < e for s, e in said)
        ]
    words = [h for h in hits if h.pattern.role == WORD]
    for h in words:
        if any(start <= h.start and h.end <= end for start, end, _, _ in spans):
            continue  # already inside a spam string
        if any(
            o is not h and o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start for o in words
        ):
            continue  # inside a longer sensitive word (时时彩 in 重庆时时彩)
        s, e = c.source_range(h.start, h.end)
        category = h.pattern.category
        findings.append(
            Finding(
                "sensitive_word",
                s,
                e,
                source[s:e],
                rules.severity("sensitive_word", category),
                f"{rules.label('sensitive_word', category)}：{h.pattern.text}",
                field,
                category,
                WORD_FAMILY,
            )
        )
    return findings
