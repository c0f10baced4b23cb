"""Names the platform knows, and spans that read like an organization's name.

A span that ends like an organization's name (中共…委员会, …党委, …党总支,
…支部, …工委, …机关工委: rules/names.toml) is tampered with when

* a spam string the other rules found, or a Latin-letter or digit code, sits
  inside it, between two or more characters of the name and its ending
  (市财政局js55机关党委);
* or it is none of the known names while a known one differs from it by an
  inserted string (市财政局鼎盛机关党委 for 市财政局机关党委; the insertion may
  replace one character: 市财金百利官网局机关党委), unless the
  inserted string is made only of the words real names differ by (机关, 第一 …).

Known names: every organization and unit of the platform (`known_names()`,
read from orgs) and the upper committees configured in settings
(`DANGJIAN["contentsec"]["upper_committees"]`).
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .normalize import Compact, compact_pattern

_CJK = re.compile(r"[\u4e00-\u9fff]")
# How far before and after a spam string the text is compared with the known names' heads and tails.
SPLICE_REACH = 24
# The shortest protected name (textcheck.protected_names drops shorter ones).
MIN_NAME = 3
# Clauses whose insertion() answer is remembered (per name index) before the memo starts again.
MEMO_MAX = 20_000
_UNKNOWN: Any = object()


@dataclass(frozen=True)
class NameRules:
    endings: re.Pattern[str] | None
    max_tail: int
    structure: re.Pattern[str] | None
    boundary: frozenset[str]
    not_endings: tuple[str, ...] = ()
    stop_words: tuple[str, ...] = ()
    # Where one of not_endings begins (a lookahead: every such position, overlapping ones too).
    not_ending_at: re.Pattern[str] | None = None


def load_rules(path: Path, homoglyphs: dict[str, str]) -> NameRules:
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def alternation(words: list[str]) -> str:
        keys = sorted({compact_pattern(w, homoglyphs) for w in words} - {""}, key=len, reverse=True)
        return "|".join(re.escape(k) for k in keys)

    endings = alternation(data.get("suffixes", []))
    structure = alternation(data.get("structure_words", []))
    not_endings = alternation(data.get("not_endings", []))
    return NameRules(
        endings=re.compile(endings) if endings else None,
        max_tail=int(data.get("max_tail", 12)),
        structure=re.compile(f"(?:{structure})+") if structure else None,
        boundary=frozenset(data.get("boundary_chars", "")),
        not_endings=tuple(compact_pattern(w, homoglyphs) for w in data.get("not_endings", [])),
        stop_words=tuple(compact_pattern(w, homoglyphs) for w in data.get("stop_words", [])),
        not_ending_at=re.compile(f"(?=(?:{not_endings}))") if not_endings else None,
    )


@dataclass
class NameIndex:
    """The known names, compact, ready to compare spans with."""

    pairs: list[tuple[str, str]] = field(default_factory=list)  # (compact, as written)
    exact: dict[str, str] = field(default_factory=dict)
    # last two characters -> first two characters -> names (compact, as written)
    buckets: dict[str, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)
    lengths: dict[str, list[int]] = field(default_factory=dict)  # last two characters -> lengths of such names
    longest: int = 0
    # Every head (first i characters, i < len) and tail (last m characters, m < len) of the
    # names, up to SPLICE_REACH characters, to the positions in PAIRS of the names having it.
    heads: dict[str, set[int]] = field(default_factory=dict)
    tails: dict[str, set[int]] = field(default_factory=dict)
    # insertion()'s answers by clause, for one set of name rules
    memo: dict[str, tuple[int, int, str] | None] = field(default_factory=dict, repr=False)
    memo_rules: NameRules | None = field(default=None, repr=False)

    @classmethod
    def build(cls, pairs: Iterable[tuple[str, str]]) -> NameIndex:
        index = cls()
        for key, name in pairs:
            if key in index.exact:
                continue
            at = len(index.pairs)
            index.pairs.append((key, name))
            index.exact[key] = name
            index.buckets.setdefault(key[-2:], {}).setdefault(key[:2], []).append((key, name))
            lengths = index.lengths.setdefault(key[-2:], [])
            if len(key) not in lengths:
                lengths.append(len(key))
            index.longest = max(index.longest, len(key))
            for i in range(1, min(len(key), SPLICE_REACH + 1)):
                index.heads.setdefault(key[:i], set()).add(at)
                index.tails.setdefault(key[-i:], set()).add(at)
        return index

    def spliced(self, before: str, after: str) -> str | None:
        """The first known name whose head BEFORE ends with and whose tail AFTER starts with, head
        and tail together no longer than the name (BEFORE and AFTER: at most SPLICE_REACH characters)."""
        heads = [(i, s) for i in range(1, len(before) + 1) if (s := self.heads.get(before[-i:]))]
        if not heads:
            return None
        tails = [(m, s) for m in range(1, len(after) + 1) if (s := self.tails.get(after[:m]))]
        best: int | None = None
        for i, names_with_head in heads:
            for m, names_with_tail in tails:
                both = names_with_head & names_with_tail
                if not both:
                    continue
                if i + m > MIN_NAME:
                    both = {k for k in both if len(self.pairs[k][0]) >= i + m}
                if both and (best is None or min(both) < best):
                    best = min(both)
        return None if best is None else self.pairs[best][1]


def known_names() -> list[str]:
    """Names of every organization and unit the platform holds, and the configured upper committees.

    The organizations' and units' names are read once per process and kept while the kernel's
    "orgs" generation token (core.figures_cache: replaced when a write to an organization or a unit
    commits, in any process) stays the same; a transaction that has written to them reads afresh.
    """
    from .conf import ContentSecSettings

    names = set(_platform_names())
    names.update(ContentSecSettings.current().upper_committees)
    return sorted(names)


# (generation token of the organizations, their and their units' names)
_platform_cache: tuple[str, tuple[str, ...]] | None = None


def _platform_names() -> tuple[str, ...]:
    global _platform_cache
    from dangjian.core import figures_cache, oncommit
    from dangjian.orgs.models import Organization, Unit  # orgs is kernel; it has no selector for names yet

    labels = (figures_cache.ALL, "orgs")
    if any(oncommit.pending(figures_cache.pending_key(label)) for label in labels):
        return _read_names(Organization, Unit)  # this transaction renamed one: nobody else sees it yet
    tokens = figures_cache.generations(labels)
    token = ".".join(tokens[label] for label in labels)
    if _platform_cache is not None and _platform_cache[0] == token:
        return _platform_cache[1]
    names = _read_names(Organization, Unit)
    _platform_cache = (token, names)
    return names


def _read_names(organization: Any, unit: Any) -> tuple[str, ...]:
    names = set(organization.objects.values_list("name", flat=True))
    names.update(unit.objects.values_list("name", flat=True))
    return tuple(sorted(names))


def configured_names() -> list[str]:
    from .conf import ContentSecSettings

    return list(ContentSecSettings.current().upper_committees)


@dataclass(frozen=True)
class Ending:
    start: int  # compact offsets of the ending (党委, 机关工委 …)
    end: int


def endings(c: Compact, rules: NameRules) -> list[Ending]:
    if rules.endings is None:
        return []
    text = c.text
    # An ending that one of not_endings begins at or up to two characters before is none (党组织).
    not_at = {m.start() for m in rules.not_ending_at.finditer(text)} if rules.not_ending_at is not None else set()
    found = []
    for m in rules.endings.finditer(text):
        start = m.start()
        if not_at and (start in not_at or start - 1 in not_at or start - 2 in not_at):
            continue
        found.append(Ending(start, m.end()))
    return found


def _clear(c: Compact, start: int, end: int, rules: NameRules) -> bool:
    """Whether compact START..END runs without a break and without a character that ends a name."""
    if any(i in c.breaks or i in c.soft for i in range(start + 1, end)):
        return False
    return not any(ch in rules.boundary for ch in c.text[start:end])


def inside_name(c: Compact, start: int, end: int, found: list[Ending], rules: NameRules) -> Ending | None:
    """The ending of an organization's name that START..END sits inside, if any.

    Inside: two Chinese characters of a name right before START, and an ending
    at most max_tail characters after END, with nothing that ends a name between.
    """
    text = c.text
    if start < 2 or not all(_CJK.match(ch) for ch in text[start - 2 : start]):
        return None
    if not _clear(c, start - 2, start + 1, rules) or (start - 1) in c.breaks:
        return None
    for ending in found:
        if ending.start < end:
            continue
        if ending.start - end > rules.max_tail:
            break
        if _clear(c, end - 1, ending.end, rules) and not any(w in text[end : ending.start] for w in rules.stop_words):
            return ending
    return None


def resembled(c: Compact, start: int, end: int, ending: Ending, index: NameIndex) -> str | None:
    """The known name that the span around START..END would be without it."""
    text = c.text
    tail = text[end : ending.end]
    for h in range(start - 1, max(-1, start - index.longest - 1), -1):
        name = index.exact.get(text[h:start] + tail)
        if name is not None:
            return name
    return None


def insertion(c: Compact, ending: Ending, index: NameIndex, rules: NameRules) -> tuple[int, int, str] | None:
    """(start, end, known name) of a string inserted into a known name that ends at ENDING, if any."""
    text = c.text
    stop = ending.end
    begin = max(0, stop - index.longest - 20)
    cuts = c.cuts()
    last_cut = bisect_right(cuts, stop - 1) - 1
    if last_cut >= 0 and cuts[last_cut] > begin:
        begin = cuts[last_cut]  # the clause only
    window = text[begin:stop]
    if not index.buckets.get(window[-2:]):
        return None
    # The answer depends on the clause only (…各党支部, …市财政局机关党委 recur in a text and across texts).
    if index.memo_rules is not rules or len(index.memo) > MEMO_MAX:
        index.memo.clear()
        index.memo_rules = rules
    hit = index.memo.get(window, _UNKNOWN)  # one lookup: another thread may clear the memo meanwhile
    if hit is _UNKNOWN:
        hit = index.memo[window] = _insertion(window, index, rules)
    return None if hit is None else (begin + hit[0], begin + hit[1], hit[2])


def _insertion(window: str, index: NameIndex, rules: NameRules) -> tuple[int, int, str] | None:
    """insertion() in WINDOW, the clause that ends with the ending (offsets into WINDOW)."""
    bucket = index.buckets[window[-2:]]
    begin = 0
    text = window
    longest = min(len(window), index.longest)
    if any(window[-k:] in index.exact for k in index.lengths[window[-2:]] if k <= longest):
        return None  # the text holds a known name
    best: tuple[int, int, str] | None = None
    grams = {window[k : k + 2] for k in range(len(window) - 1)}
    for gram in grams:
        for key, name in bucket.get(gram, ()):
            if key in window:
                continue  # the known name itself, followed by other words (…党支部召开支部党员大会)
            common = 0
            while common < min(len(key), len(window)) and key[-1 - common] == window[-1 - common]:
                common += 1
            for tail_len in range(common, 1, -1):
                full = key[: len(key) - tail_len]
                cut = len(window) - tail_len
                # The head as it is, or with its last character replaced by the insertion (市财+金百利官网+局).
                heads = [h for h in ((full, full[:-1]) if tail_len == common else (full,)) if len(h) >= 2]
                at, head = -1, ""
                for head in heads:
                    at = window.rfind(head, 0, cut - 2)
                    if at >= 0:
                        break
                if at < 0:
                    continue
                x_start, x_end = begin + at + len(head), begin + cut
                inserted = text[x_start:x_end]
                if len(inserted) > 20 or any(ch in rules.boundary for ch in inserted):
                    break
                if rules.structure is not None and rules.structure.fullmatch(inserted):
                    break
                if best is None or x_end - x_start < best[1] - best[0]:
                    best = (x_start, x_end, name)
                break
    return best
