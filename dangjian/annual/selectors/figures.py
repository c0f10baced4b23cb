"""The figures a report states: live from the statistics registry, or as frozen with the report.

A draft reads every figure through dangjian.core.registry (never another app's models);
a frozen or sent report reads the FrozenFigure rows stored when it was frozen. Both give
the same Figure, so the page, Word and PDF render the same text either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.cache import caches
from django.urls import NoReverseMatch, reverse

from dangjian.core import figures_cache, manifests, registry

from ..conf import AnnualSettings
from ..models import AnnualReport, FrozenFigure
from . import numbers
from .templates import Placeholder, compared_in, keys_in, parse

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    value: float
    previous: float | None  # the previous year's figure; None where there is none
    source: str  # the Chinese name of the app (and contributing apps) it comes from
    link: str  # the records page, with ?org=CODE&year=YYYY ("" when the app offers none)

    def text(self, form: str = "", rules: AnnualSettings | None = None) -> str:
        if form == "exact":
            return numbers.exact(self.value, self.unit)
        if form == "change":
            said = numbers.change(self.value, self.previous, self.unit, rules)
            if not said:
                return ""
            return "，与上年持平" if said == "持平" else f"，比上年{said}"
        return numbers.count(self.value, self.unit, rules)

    @property
    def display(self) -> str:
        return self.text()

    @property
    def exact_display(self) -> str:
        return numbers.exact(self.value, self.unit)


def sources() -> dict[str, str]:
    """{metric key: the Chinese names of the apps its figure comes from}."""
    owner: dict[str, str] = {}
    adding: dict[str, list[str]] = {}
    for manifest in manifests.manifests():
        for m in manifest.metrics:
            owner[m.key] = manifest.label
            if m.adds_to:
                adding.setdefault(m.adds_to, []).append(manifest.label)
    return {key: "、".join(dict.fromkeys([label, *adding.get(key, ())])) for key, label in owner.items()}


def records_link(metric: registry.Metric, org: Organization, year: int) -> str:
    if not metric.records_url:
        return ""
    try:
        return f"{reverse(metric.records_url)}?org={org.code}&year={year}"
    except NoReverseMatch:
        return ""


def live(org: Organization, year: int, keys: Iterable[str], *, compare: Iterable[str] = ()) -> dict[str, Figure]:
    """The registered ones of KEYS for ORG's subtree in YEAR, from the registry's cache where current.

    Only the figures named are computed; the previous year's only for those in COMPARE (the
    text compares them), the others have previous=None.
    """
    registered = {m.key: m for m in registry.metrics()}
    wanted = [k for k in dict.fromkeys(keys) if k in registered]
    if not wanted:
        return {}
    before = [k for k in dict.fromkeys(compare) if k in registered]
    now = _values([registered[k] for k in wanted], org, year)
    prevs = _values([registered[k] for k in before], org, year - 1)
    named = sources()
    found: dict[str, Figure] = {}
    for key in wanted:
        m = registered[key]
        prev = prevs.get(key)
        found[key] = Figure(
            key=key,
            label=m.label,
            unit=m.unit,
            value=float(now[key]),
            previous=float(prev) if prev else None,
            source=named.get(key, ""),
            link=records_link(m, org, year),
        )
    return found


def _values(found: Sequence[registry.Metric], org: Organization, year: int) -> dict[str, float | int]:
    """registry.compute() for FOUND only: the current figures in one cache round trip, the others
    computed (and cached) by registry.value(). Reads the registry's cache keys, so a figure is
    current exactly when the dashboard's is."""
    if not found:
        return {}
    keys = figures_cache.cache_keys(found, org, year)
    hits = caches[registry.FIGURES_CACHE].get_many([k for k in keys.values() if k is not None])
    values: dict[str, float | int] = {}
    for m in found:
        key = keys[m.key]
        values[m.key] = hits[key] if key is not None and key in hits else registry.value(m.key, org, year)
    return values


def frozen(report: AnnualReport) -> dict[str, Figure]:
    return {f.key: from_frozen(f) for f in report.figures.all()}


def from_frozen(f: FrozenFigure) -> Figure:
    return Figure(
        key=f.key,
        label=f.label,
        unit=f.unit,
        value=f.value,
        previous=f.previous,
        source=f.source,
        link=f.records_url,
    )


# ---------------------------------------------------------------- the text with its figures


@dataclass(frozen=True)
class Run:
    text: str
    figure: Figure | None = None


@dataclass
class RenderedSection:
    heading: str
    paragraphs: list[list[Run]]
    omitted: list[str] = field(default_factory=list)  # keys whose sentence was left out


def render_template(template: str, figures: dict[str, Figure]) -> tuple[list[list[Run]], list[str]]:
    """TEMPLATE's paragraphs as runs of text and figures; a sentence naming a figure not in FIGURES
    (its app is not installed) is left out, and its keys returned."""
    paragraphs: list[list[Run]] = []
    omitted: list[str] = []
    for paragraph in parse(template):
        runs: list[Run] = []
        for sentence in paragraph:
            missing = [p.key for p in sentence if isinstance(p, Placeholder) and p.key not in figures]
            if missing:
                omitted.extend(k for k in missing if k not in omitted)
                continue
            for piece in sentence:
                if isinstance(piece, Placeholder):
                    fig = figures[piece.key]
                    said = fig.text(piece.form)
                    if said:
                        # The comparison is words about the figure; only the figure itself links.
                        runs.append(Run(said, None if piece.form == "change" else fig))
                else:
                    runs.append(Run(piece))
        if runs:
            paragraphs.append(_closed(_merged(runs)))
    return paragraphs, omitted


def _closed(runs: list[Run]) -> list[Run]:
    """A paragraph whose last sentences were left out ends with 。, not with the ；or ， before them."""
    last = runs[-1]
    if last.figure is None and last.text.rstrip()[-1:] in "；，、":
        runs[-1] = Run(last.text.rstrip()[:-1] + "。")
    return runs


def _merged(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if out and r.figure is None and out[-1].figure is None:
            out[-1] = Run(out[-1].text + r.text)
        else:
            out.append(r)
    return out


@dataclass
class Document:
    """What the page, Word and PDF draw: the title, the sections, and every figure they state."""

    report: AnnualReport
    sections: list[RenderedSection]
    figures: list[Figure]  # in the order the text states them (the appendix)
    frozen: bool

    @property
    def omitted(self) -> list[str]:
        return [k for s in self.sections for k in s.omitted]

    def plain_paragraphs(self) -> list[tuple[str, str]]:
        """(heading, paragraph text) pairs, for the article the report becomes."""
        return [(s.heading, "".join(r.text for r in p)) for s in self.sections for p in s.paragraphs]


def document(report: AnnualReport, *, sections: Sequence[Any] | None = None) -> Document:
    """REPORT rendered: from its frozen figures once frozen, else live from the registry."""
    rows = list(sections if sections is not None else report.sections.all())
    keys = [k for s in rows for k in keys_in(s.template)]
    is_frozen = not report.is_draft
    compare = [k for s in rows for k in compared_in(s.template)]
    figures = frozen(report) if is_frozen else live(report.org, report.year, keys, compare=compare)
    rendered: list[RenderedSection] = []
    used: dict[str, Figure] = {}
    for s in rows:
        paragraphs, omitted = render_template(s.template, figures)
        for p in paragraphs:
            for r in p:
                if r.figure is not None:
                    used.setdefault(r.figure.key, r.figure)
        rendered.append(RenderedSection(s.heading, paragraphs, omitted))
    return Document(report=report, sections=_renumbered(rendered), figures=list(used.values()), frozen=is_frozen)


NUMERALS = "一二三四五六七八九十"
NUMBERED = re.compile(f"^[{NUMERALS}]+、")


def _renumbered(sections: list[RenderedSection]) -> list[RenderedSection]:
    """Headings numbered 一、二、… are numbered again over the sections that kept any text, so a work
    line left out (none of its figures registered) leaves no gap."""
    n = 0
    for s in sections:
        if s.paragraphs and NUMBERED.match(s.heading) and n < len(NUMERALS):
            s.heading = NUMBERED.sub(f"{NUMERALS[n]}、", s.heading)
            n += 1
    return sections
