"""Loading the gate's rules from the data files in rules/ (or another folder).

Every word list is normalized the way the scanned text is, then compiled into
Aho-Corasick automatons, once per folder (cached). Editing a file takes effect
on the next process start, or after `load.cache_clear()`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from . import families as families_mod
from . import names as names_mod
from . import scorer as scorer_mod
from .normalize import compact_pattern, skeleton

# What a pattern in the automaton stands for.
STRONG = "strong"  # a betting brand: blocks anywhere
WEAK = "weak"  # a brand that needs a marker, digits or a prefix next to it
MARKER_STRONG = "marker_strong"
MARKER_WEAK = "marker_weak"
PREFIX = "prefix"
WORD = "word"  # a sensitive word, with its category


@dataclass(frozen=True)
class Pattern:
    role: str
    text: str  # the entry as written in the file
    category: str = ""


@dataclass(frozen=True)
class Limits:
    """How much input the gate walks at all (config.toml [limits]); past them it refuses."""

    max_chars: int = 300_000
    max_depth: int = 200
    max_parse_errors: int = 500


@dataclass
class Ruleset:
    folder: Path
    kinds: dict[str, dict[str, str]]
    categories: dict[str, dict[str, str]]
    seo: dict[str, int]
    html: dict[str, Any]
    automaton: ahocorasick.Automaton  # over the compact text
    skeleton_automaton: ahocorasick.Automaton  # Latin entries, digits read as letters
    homoglyphs: dict[str, str]
    safe_tokens: list[str]
    spam_domains: list[re.Pattern[str]]
    allowed_domains: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    families: families_mod.Families | None = None
    names: names_mod.NameRules | None = None
    scorer: scorer_mod.Scorer | None = None
    codes: dict[str, bool] = field(default_factory=dict, repr=False)  # textcheck: whether a token reads as a code

    def severity(self, kind: str, category: str = "") -> str:
        if kind == "sensitive_word" and category in self.categories:
            return self.categories[category].get("severity", "block")
        return self.kinds.get(kind, {}).get("severity", "block")

    def label(self, kind: str, category: str = "") -> str:
        if kind == "sensitive_word" and category in self.categories:
            return f"敏感词（{self.categories[category].get('label', category)}）"
        return self.kinds.get(kind, {}).get("label", kind)


def read_list(path: Path) -> list[str]:
    """Entries of a list file: one a line, # starts a comment line."""
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def read_homoglyphs(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in read_list(path):
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(f"{path.name}: 每行应为“形近字 目标字”：{line!r}")
        sources, target = parts
        for ch in sources:
            table[ch] = target
    return table


def _add(automaton: ahocorasick.Automaton, key: str, pattern: Pattern) -> None:
    # Several roles may share a key (a strong brand also listed as a word):
    # keep all of them.
    if not key:
        return
    _key, existing = automaton.get(key, (key, ()))
    if pattern not in existing:
        automaton.add_word(key, (key, (*existing, pattern)))


@lru_cache(maxsize=4)
def load(folder: Path) -> Ruleset:
    folder = Path(folder)
    config = tomllib.loads((folder / "config.toml").read_text(encoding="utf-8"))
    html = tomllib.loads((folder / "html.toml").read_text(encoding="utf-8"))
    homoglyphs = read_homoglyphs(folder / "homoglyphs.txt")

    entries: list[Pattern] = []
    for name, role in (
        ("brands_strong", STRONG),
        ("brands_weak", WEAK),
        ("markers_strong", MARKER_STRONG),
        ("markers_weak", MARKER_WEAK),
        ("prefixes", PREFIX),
    ):
        entries += [Pattern(role, text) for text in read_list(folder / "seo" / f"{name}.txt")]
    categories = config.get("categories", {})
    for category in categories:
        entries += [Pattern(WORD, text, category) for text in read_list(folder / "words" / f"{category}.txt")]

    automaton = ahocorasick.Automaton()
    skeletons = ahocorasick.Automaton()
    counts: dict[str, int] = {}
    for p in entries:
        key = compact_pattern(p.text, homoglyphs)
        _add(automaton, key, p)
        counts[p.role] = counts.get(p.role, 0) + 1
        # Latin brands and words are matched again with digits read as letters
        # (b3t365, p0rn); markers are ordinary words and are not.
        if p.role in (STRONG, WORD) and re.search(r"[a-z]", key):
            _add(skeletons, skeleton(key), p)
    automaton.make_automaton()
    if len(skeletons):
        skeletons.make_automaton()

    safe = [compact_pattern(t, homoglyphs) for t in read_list(folder / "seo" / "safe_tokens.txt")]
    domains = [re.compile(rx) for rx in read_list(folder / "seo" / "spam_domains.txt")]
    allowed = [d.lower().removeprefix("*.") for d in read_list(folder / "domains" / "allowed.txt")]
    return Ruleset(
        folder=folder,
        kinds=config.get("kinds", {}),
        categories=categories,
        seo=config.get("seo", {}),
        html=html,
        automaton=automaton,
        skeleton_automaton=skeletons,
        homoglyphs=homoglyphs,
        safe_tokens=sorted(safe, key=len, reverse=True),
        spam_domains=domains,
        allowed_domains=allowed,
        counts=counts,
        limits=Limits(**config.get("limits", {})),
        families=families_mod.load(folder / "seo" / "families.toml", homoglyphs),
        names=names_mod.load_rules(folder / "names.toml", homoglyphs),
        scorer=scorer_mod.Scorer.load(folder / "model" / "scorer.json"),
    )
