"""A section's template: text with {key}, {key:exact} and {key:change} placeholders.

parse() splits a template into sentences (ending in 。；！？ or the end), each a list of
pieces: text, or a placeholder naming a metric key and a form. check() refuses what no
report could ever fill: a key that is neither registered nor one of DOMAIN.md's keys (a
typo), a form that does not exist, an unpaired brace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dangjian.core import registry

from .. import errors

FORMS = ("", "exact", "change")
ENDS = "。；！？"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

# DOMAIN.md's keys: a report may name them before the app that computes them is installed
# (its sentence is left out meanwhile). Any other key must be registered.
DOMAIN_KEYS = frozenset(
    """central_group.sessions central_group.attendances training.classes training.attendances
    org_life.meetings org_life.compliance_rate publicity.articles publicity.special_pages
    info_reports.submitted info_reports.adopted volunteer.brigades volunteer.activities
    volunteer.participations volunteer.hours orgs.units_adjusted orgs.elections_held
    orgs.elections_overdue cadres.full_time_deputy_secretaries activity_rooms.standardized
    cases.submitted cases.awarded research.outputs lectures.mobile liaison.points liaison.visits
    brands.submitted brands.recognized brands.downgraded brands.revoked assessment.units_rated
    admission.applicants admission.activists admission.candidates admission.admitted
    admission.converted dues.expected dues.collected transfers.out transfers.in""".split()
)


@dataclass(frozen=True)
class Placeholder:
    key: str
    form: str = ""


Piece = str | Placeholder


def _pieces(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    last = 0
    for m in PLACEHOLDER.finditer(text):
        if m.start() > last:
            pieces.append(text[last : m.start()])
        key, _, form = m.group(1).strip().partition(":")
        pieces.append(Placeholder(key.strip(), form.strip()))
        last = m.end()
    if last < len(text):
        pieces.append(text[last:])
    return pieces


def sentences(text: str) -> list[str]:
    out: list[str] = []
    current = ""
    for ch in text:
        current += ch
        if ch in ENDS:
            out.append(current)
            current = ""
    if current.strip():
        out.append(current)
    return out


def parse(text: str) -> list[list[list[Piece]]]:
    """TEMPLATE as paragraphs (one per line) of sentences of pieces."""
    return [[_pieces(s) for s in sentences(line.strip())] for line in text.splitlines() if line.strip()]


def keys_in(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for m in PLACEHOLDER.finditer(text):
        seen[m.group(1).strip().partition(":")[0].strip()] = None
    return list(seen)


def check(text: str, *, field: str = "template") -> None:
    """Refuse TEXT if a report could not fill it (see the module's docstring)."""
    stripped = PLACEHOLDER.sub("", text)
    if "{" in stripped or "}" in stripped:
        raise errors.BadPlaceholder(field=field)
    registered = {m.key for m in registry.metrics()}
    for m in PLACEHOLDER.finditer(text):
        key, _, form = m.group(1).strip().partition(":")
        key, form = key.strip(), form.strip()
        if form not in FORMS:
            raise errors.BadPlaceholder(
                f"“{{{m.group(1)}}}”的写法不对：冒号后只能是 exact（精确数）或 change（与上年比较）。", field=field
            )
        if key not in registered and key not in DOMAIN_KEYS:
            raise errors.UnknownFigureKey(
                f"“{key}”不是已知的统计指标，请检查拼写（可用指标见页面下方的指标清单）。", field=field
            )


def compared_in(text: str) -> list[str]:
    """The keys TEXT compares with the previous year ({key:change})."""
    seen: dict[str, None] = {}
    for m in PLACEHOLDER.finditer(text):
        key, _, form = m.group(1).strip().partition(":")
        if form.strip() == "change":
            seen[key.strip()] = None
    return list(seen)
