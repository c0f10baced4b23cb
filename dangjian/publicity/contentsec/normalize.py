"""Undoing disguises, while remembering where every character came from.

A segment of text (with the source offsets of each of its characters) becomes a
*compact* string: NFKC (full width to half width, ① to 1), case-folded,
look-alike letters mapped to what they imitate, and everything that is not a
letter or a digit dropped (spaces, punctuation, symbols, zero-width and
combining characters that spammers insert between the characters of a brand).
`spans[i]` is the source range of compact character i, so a match in the
compact string maps back to the exact stretch of the original input.
The *skeleton* reads digits that imitate letters as those letters (b3t365).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress

# Separators that end a sentence or a block: a match of a short word may not
# run across them, and a betting code must touch its marker without one.
HARD_BREAKS = frozenset("。！？；!?;\n\r\u2028\u2029")
# Commas and colons: a match may run across them (spammers insert them too),
# but a reported spam string is not stretched over one.
SOFT_BREAKS = frozenset("，、：,:")

SKELETON = {"0": "o", "1": "l", "i": "l", "3": "e", "4": "a", "5": "s", "7": "t"}  # no target is a source


def skeleton(text: str) -> str:
    # str.replace per character: str.translate walks a long Chinese text character by character.
    for digit, letter in SKELETON.items():
        if digit in text:
            text = text.replace(digit, letter)
    return text


def _kept(ch: str) -> bool:
    # Letters (Latin, CJK ideographs, kana …) and digits carry meaning; every
    # other category is something that can be slipped between them.
    return unicodedata.category(ch)[0] in "LN"


@dataclass
class Compact:
    text: str = ""
    # Source range of compact character i: starts[i]..ends[i].
    starts: Sequence[int] = field(default_factory=list)
    ends: Sequence[int] = field(default_factory=list)
    # breaks[i]: a hard break stood between compact characters i-1 and i.
    breaks: set[int] = field(default_factory=set)
    soft: set[int] = field(default_factory=set)
    tokens: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)  # textcheck's, once
    _cuts: list[int] | None = field(default=None, repr=False, compare=False)

    def cuts(self) -> list[int]:
        """Every position of a hard or soft break, in order."""
        if self._cuts is None:
            self._cuts = sorted(self.breaks | self.soft)
        return self._cuts

    @property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) in the source of every compact character."""
        return list(zip(self.starts, self.ends, strict=True))

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering compact characters START..END-1."""
        return self.starts[start], self.ends[end - 1]

    def broken(self, start: int, end: int) -> bool:
        """Whether a hard break lies strictly inside compact range START..END."""
        return any(i in self.breaks for i in range(start + 1, end))

    def skeleton(self) -> str:
        return skeleton(self.text)

    def gap(self, at: int) -> bool:
        """Whether anything (a space, a symbol, a tag) stood in the source between compact characters at-1 and at."""
        return at <= 0 or at >= len(self.text) or self.ends[at - 1] < self.starts[at]

    def inside_latin_word(self, start: int, end: int) -> bool:
        """Whether START..END begins or ends in the middle of a Latin word of the source (alphabet2023, 365better)."""
        t = self.text
        if "a" <= t[start] <= "z" and start > 0 and "a" <= t[start - 1] <= "z" and not self.gap(start):
            return True
        return "a" <= t[end - 1] <= "z" and end < len(t) and "a" <= t[end] <= "z" and not self.gap(end)


def fold_char(ch: str, homoglyphs: dict[str, str]) -> str:
    """One source character as the characters it reads as (maybe none, maybe several)."""
    if ch in homoglyphs:
        return homoglyphs[ch]
    out = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        c = homoglyphs.get(c, c)
        if _kept(c):
            out.append(c)
        elif c in HARD_BREAKS:
            out.append("\n")
        elif c in SOFT_BREAKS:
            out.append("\r")
    return "".join(out)


_CACHES: list[tuple[dict[str, str], dict[str, str]]] = []


def _fold_cache(homoglyphs: dict[str, str]) -> dict[str, str]:
    """fold_char's answers for one homoglyph table (rule sets are few and long-lived)."""
    for table, known in _CACHES:
        if table is homoglyphs:
            return known
    cache: dict[str, str] = {}
    _CACHES.append((homoglyphs, cache))
    del _CACHES[:-8]
    return cache


_DROPPED, _BREAK, _SOFT = "\x00", "\n", "\r"
_GAP = re.compile(r"[\x00\n\r]+")


@dataclass
class _Table:
    """A str.translate table for one homoglyph table, grown as new characters are seen."""

    table: dict[int, str] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    slow: set[str] = field(default_factory=set)  # characters that read as several (the slow path)


_TABLES: list[tuple[dict[str, str], _Table]] = []


def _table(homoglyphs: dict[str, str], chars: str) -> dict[int, str] | None:
    """A str.translate table giving every character of CHARS one character (or a marker); None if one needs two."""
    known = next((t for table, t in _TABLES if table is homoglyphs), None)
    if known is None:
        known = _Table()
        _TABLES.append((homoglyphs, known))
        del _TABLES[:-8]
    present = set(chars)
    for ch in present - known.seen:
        folded = fold_char(ch, homoglyphs)
        if len(folded) > 1:
            known.slow.add(ch)
        else:
            known.table[ord(ch)] = folded or _DROPPED
        known.seen.add(ch)
    if not known.slow.isdisjoint(present):
        return None
    return known.table


def compact(chars: str, starts: Sequence[int], ends: Sequence[int], homoglyphs: dict[str, str]) -> Compact:
    """The compact form of CHARS, whose character i came from source STARTS[i]..ENDS[i]."""
    if len(chars) != len(starts) or len(chars) != len(ends):
        raise ValueError("chars, starts and ends differ in length")
    table = _table(homoglyphs, chars)
    if table is None:
        return _compact_slow(chars, starts, ends, homoglyphs)
    folded = chars.translate(table)  # one character per character: offsets line up
    result = Compact()
    breaks, soft = result.breaks, result.soft
    dropped = 0  # markers before the current gap
    end = len(folded)
    for m in _GAP.finditer(folded):
        a, b = m.span()
        if a and b < end:  # a gap with compact characters before and after it
            gap = m.group()
            if _BREAK in gap:
                breaks.add(a - dropped)
            if _SOFT in gap:
                soft.add(a - dropped)
        dropped += b - a
    result.text = folded.replace(_DROPPED, "").replace(_BREAK, "").replace(_SOFT, "")
    if dropped:
        # Every folded character but the three markers is a letter or a digit, so printable.
        kept = bytes(map(str.isprintable, folded))
        result.starts = list(compress(starts, kept))
        result.ends = list(compress(ends, kept))
    else:
        result.starts, result.ends = list(starts), list(ends)
    _unstack(result)
    return result


def _compact_slow(chars: str, starts: Sequence[int], ends: Sequence[int], homoglyphs: dict[str, str]) -> Compact:
    result = Compact()
    text: list[str] = []
    cs: list[int] = []
    ce: list[int] = []
    cache = _fold_cache(homoglyphs)
    pending_break = pending_soft = False
    for ch, s, e in zip(chars, starts, ends, strict=True):
        folded = cache.get(ch)
        if folded is None:
            folded = cache[ch] = fold_char(ch, homoglyphs)
        if len(folded) == 1 and folded != "\n" and folded != "\r" and not pending_break and not pending_soft:
            text.append(folded)  # the common case: one character that reads as one
            cs.append(s)
            ce.append(e)
            continue
        for c in folded:
            if c == "\n":
                pending_break = True
                continue
            if c == "\r":
                pending_soft = True
                continue
            if pending_break and text:
                result.breaks.add(len(text))
            if pending_soft and text:
                result.soft.add(len(text))
            pending_break = pending_soft = False
            text.append(c)
            cs.append(s)
            ce.append(e)
    result.text = "".join(text)
    result.starts, result.ends = cs, ce
    _unstack(result)
    return result


def _unstack(result: Compact) -> None:
    """Characters written one or two a line (金<br>沙<br>官<br>网) are read as one line:
    a hard break between two such short lines becomes a soft one."""
    if not result.breaks:
        return
    cuts = [0, *sorted(result.breaks), len(result.text)]
    for k in range(1, len(cuts) - 1):
        if cuts[k] - cuts[k - 1] <= 2 and cuts[k + 1] - cuts[k] <= 2:
            result.breaks.discard(cuts[k])
            result.soft.add(cuts[k])


# Tags in a text that is not read as HTML (a title): they vanish when shown,
# so they may not split a word either.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def compact_plain(text: str, homoglyphs: dict[str, str], offset: int = 0, *, tags: bool = False) -> Compact:
    """The compact form of plain TEXT; with TAGS, HTML tags in it are dropped as if they were spaces."""
    if tags and "<" in text and _TAG.search(text):
        kept = [True] * len(text)
        for m in _TAG.finditer(text):
            kept[m.start() : m.end()] = [False] * (m.end() - m.start())
        chars = "".join(compress(text, kept))
        positions = list(compress(range(offset, offset + len(text)), kept))
        return compact(chars, positions, [p + 1 for p in positions], homoglyphs)
    return compact(text, range(offset, offset + len(text)), range(offset + 1, offset + len(text) + 1), homoglyphs)


def compact_pattern(text: str, homoglyphs: dict[str, str]) -> str:
    return compact_plain(text, homoglyphs).text
