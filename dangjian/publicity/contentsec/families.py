"""Families of spam strings: shapes that catch brands no list knows yet.

The rules are data (rules/seo/families.toml); this module applies them to the
compact text (normalize.py):

* Latin brand-and-digits families (bet + any digits, xpj8455, vns0744) and
  site names written without a link (js55.cc, hg0088.com). A match must not
  continue a Latin word of the source (alphabet2023 is not bet2023).
* Chinese brand names the lists do not contain: two to four Chinese characters
  followed by a casino or lottery word (娱乐城, 棋牌, 彩票 …) and a promotion
  word (官网, 总站, 注册, 开户, 下载 …) or a betting code, or preceded by a
  promotion word or a code. The two characters before the casino word must
  read like a name, not like the words of a report on the fight against
  gambling (网络, 境外, 体育彩票 …).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .normalize import Compact, compact_pattern

LATIN_BRAND = "latin_brand_digits"
SITE_NAME = "site_name"
CHINESE_BRAND = "unknown_brand"

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODE = re.compile(r"[a-z]{0,4}[0-9]{2,}[a-z]{0,3}")
_CODE_BEFORE = re.compile(r"[a-z]{0,4}[0-9]{2,}[a-z]{0,3}$")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_LATIN_OR_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True)
class Families:
    latin: list[tuple[str, re.Pattern[str]]]  # (family, pattern)
    casino: re.Pattern[str] | None
    casino_weak: frozenset[str]
    promo: tuple[str, ...]
    promo_strong: tuple[str, ...]
    not_names: frozenset[str]
    function_chars: frozenset[str]
    measure_chars: frozenset[str] = frozenset()
    casino_prefixes: tuple[str, ...] = ()
    weak_promo_run: int = 3


def _alternation(words: list[str]) -> re.Pattern[str] | None:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


def load(path: Path, homoglyphs: dict[str, str]) -> Families:
    data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    latin_cfg = data.get("latin", {})
    latin = [(LATIN_BRAND, re.compile(rx)) for rx in latin_cfg.get("brand_digits", [])]
    latin += [(SITE_NAME, re.compile(rx)) for rx in latin_cfg.get("site_names", [])]
    cn = data.get("chinese", {})

    def norm(words: list[str]) -> list[str]:
        return [compact_pattern(w, homoglyphs) for w in words]

    casino = norm(cn.get("casino", []))
    weak = norm(cn.get("casino_weak", []))
    return Families(
        latin=latin,
        casino=_alternation(casino + weak),
        casino_weak=frozenset(weak) - frozenset(casino),
        promo=tuple(sorted(set(norm(cn.get("promo", []))), key=len, reverse=True)),
        promo_strong=tuple(sorted(set(norm(cn.get("promo_strong", []))), key=len, reverse=True)),
        not_names=frozenset(norm(cn.get("not_names", []))),
        function_chars=frozenset(cn.get("function_chars", "")),
        measure_chars=frozenset(cn.get("measure_chars", "")),
        casino_prefixes=tuple(norm(cn.get("casino_prefixes", []))),
        weak_promo_run=int(cn.get("weak_promo_run", 3)),
    )


def _joined(c: Compact, at: int) -> bool:
    return at not in c.breaks and at not in c.soft


def _latin(c: Compact, fam: Families) -> list[tuple[int, int, str, str]]:
    text = c.text
    found = []
    for family, pattern in fam.latin:
        for m in pattern.finditer(text):
            s, e = m.span()
            if e - s < 3 or c.inside_latin_word(s, e):
                continue  # alphabet2023, 365better
            found.append((s, e, m.group(), family))
    return found


def _is_code(token: str) -> bool:
    digits = sum(ch.isdigit() for ch in token)
    if digits == len(token):
        return digits >= 3 and not _YEAR.fullmatch(token)
    return digits >= 2


def _name_at(c: Compact, fam: Families, end: int, length: int) -> bool:
    """Whether the LENGTH characters before END read like (part of) a brand name."""
    start = end - length
    if start < 0:
        return False
    chunk = c.text[start:end]
    if not all(_CJK.match(ch) for ch in chunk) or any(ch in fam.function_chars for ch in chunk):
        return False
    if any(not _joined(c, i) for i in range(start + 1, end + 1)):
        return False
    return chunk[-2:] not in fam.not_names and chunk[:2] not in fam.not_names


def _promo_after(c: Compact, at: int, words: tuple[str, ...]) -> int | None:
    if at >= len(c.text) or not _joined(c, at):
        return None
    for w in words:
        if c.text.startswith(w, at):
            return at + len(w)
    return None


def _promo_before(c: Compact, at: int, words: tuple[str, ...]) -> int | None:
    if at <= 0 or not _joined(c, at):
        return None
    for w in words:
        if c.text.endswith(w, 0, at):
            return at - len(w)
    return None


def _promo_run(c: Compact, at: int, fam: Families) -> tuple[int, int]:
    """(how many promotion words follow AT back to back, where the run ends)."""
    count, end = 0, at
    while True:
        nxt = _promo_after(c, end, fam.promo)
        if nxt is None or nxt == end:
            return count, end
        count, end = count + 1, nxt


def _prefix_name_promo(c: Compact, fam: Families) -> list[tuple[int, int, str, str]]:
    """A casino place name, an unknown name, a strong promotion word: 澳门鼎盛官网."""
    text = c.text
    found = []
    for prefix in fam.casino_prefixes:
        at = text.find(prefix)
        while at >= 0:
            e = at + len(prefix)
            for length in (3, 2):
                if _name_at(c, fam, e + length, length) and _joined(c, e):
                    end = _promo_after(c, e + length, fam.promo_strong)
                    if end is not None:
                        found.append((at, end, text[e : e + length], CHINESE_BRAND))
                        break
            at = text.find(prefix, at + 1)
    return found


def _starts(text: str, words: tuple[str, ...]) -> set[int]:
    """Every offset in TEXT where one of WORDS begins."""
    found: set[int] = set()
    for w in words:
        at = text.find(w)
        while at >= 0:
            found.add(at)
            at = text.find(w, at + 1)
    return found


def _token_start(text: str, end: int) -> int:
    """Where the run of Latin letters and digits that ends at END begins: a code before END lies
    inside it, so a search for one need not start at the beginning of the text."""
    start = end
    while start > 0 and text[start - 1] in _LATIN_OR_DIGIT:
        start -= 1
    return start


def _code_name_promo(c: Compact, fam: Families) -> list[tuple[int, int, str, str]]:
    """A code, an unknown name, a promotion word: 9159鼎盛官网, js55鸿运注册."""
    text = c.text
    found = []
    promo_at = _starts(text, fam.promo_strong)
    for m in _CODE.finditer(text):
        e = m.end()
        if not promo_at.intersection((e + 2, e + 3, e + 4)):
            continue  # no promotion word where a name of 2 to 4 characters would end
        if not _is_code(m.group()) or c.inside_latin_word(m.start(), m.end()):
            continue
        for length in (4, 3, 2):
            name = text[e : e + length]
            if len(name) < length or not _name_at(c, fam, e + length, length) or not _joined(c, e):
                continue
            if any(ch in fam.measure_chars for ch in name):
                break
            end = _promo_after(c, e + length, fam.promo_strong)
            if end is not None:
                found.append((m.start(), end, name, CHINESE_BRAND))
                break
    return found


def _chinese(c: Compact, fam: Families) -> list[tuple[int, int, str, str]]:
    if fam.casino is None:
        return []
    text = c.text
    found = []
    for m in fam.casino.finditer(text):
        s, e = m.span()
        word = m.group()
        weak = word in fam.casino_weak
        if not _name_at(c, fam, s, 2) or not _joined(c, s):
            continue
        name_start = s - 2
        while name_start > s - 4 and _name_at(c, fam, s, s - name_start + 1):
            name_start -= 1
        end = _promo_after(c, e, fam.promo_strong if weak else fam.promo)
        brand = text[s - 2 : s]
        if end is None and text.startswith(brand, e) and _joined(c, e):
            end = _promo_after(c, e + 2, fam.promo)  # the name again: 金鼎快三金鼎官网
        if end is None and weak:
            count, run_end = _promo_run(c, e, fam)
            end = run_end if count >= fam.weak_promo_run else None
        if end is None and not weak and _joined(c, e):
            code = _CODE.match(text, e)
            if code and _is_code(code.group()):
                end = code.end()
        start = name_start
        if end is None and not weak:
            # A promotion word or a code before the name: 下载金鼎棋牌, 8888鼎盛娱乐城.
            for k in range(2, s - name_start + 1):
                before = _promo_before(c, s - k, fam.promo)
                code = _CODE_BEFORE.search(text, _token_start(text, s - k), s - k) if _joined(c, s - k) else None
                if before is not None:
                    start, end = before, e
                    break
                if code and _is_code(code.group()):
                    start, end = code.start(), e
                    break
        if end is not None:
            found.append((start, end, text[name_start:e], CHINESE_BRAND))
    return found


def spans(c: Compact, fam: Families) -> list[tuple[int, int, str, str]]:
    """(start, end, what, family) of family matches, in compact offsets."""
    if not c.text:
        return []
    found = _latin(c, fam) + _chinese(c, fam)
    if any(w in c.text for w in fam.promo_strong):
        found += _code_name_promo(c, fam) + _prefix_name_promo(c, fam)
    return found
