"""The compliance calendar of organization life: what each organization must hold, held or missing.

Requirements come from StudySettings.org_life_requirements (DOMAIN.md by default): a kind
of meeting, how often (month, quarter, year) and which organizations it binds.
A period is
  held     a meeting of the kind took place in it (a branch committee meeting only with quorum),
  missing  it has ended without one,
  due      it is under way and none has taken place yet,
  future   it has not begun,
  n/a      it ended before the organization was founded.

Everything is computed from the year's MeetingTally rows (meetings held per
organization, kind and month, kept by services.org_life) and one query for the
organizations, so the committee-wide view of a city (about 1,100
organizations, 25,000 meetings a year) stays fast.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from dangjian.core import registry, scoping
from dangjian.orgs.models import Organization

from ..conf import StudySettings
from ..models import MeetingKind, MeetingTally, decode_counts

EVERY_LABELS = {"month": "每月", "quarter": "每季度", "year": "每年"}
PERIODS = {"month": 12, "quarter": 4, "year": 1}
HELD, MISSING, DUE, FUTURE, NA = "held", "missing", "due", "future", "na"
STATE_LABELS = {HELD: "已开", MISSING: "未开", DUE: "本期待开", FUTURE: "未到期", NA: "—"}


@dataclass(frozen=True)
class Requirement:
    kind: str
    every: str
    org_kinds: tuple[str, ...]
    with_committee_only: bool = False

    @property
    def label(self) -> str:
        return MeetingKind(self.kind).label

    @property
    def every_label(self) -> str:
        return EVERY_LABELS[self.every]

    def binds(self, org_kind: str, has_committee: bool) -> bool:
        return org_kind in self.org_kinds and (has_committee or not self.with_committee_only)


def requirements() -> list[Requirement]:
    return [
        Requirement(
            kind=k,
            every=v["every"],
            org_kinds=tuple(v["org_kinds"]),
            with_committee_only=bool(v.get("with_committee_only")),
        )
        for k, v in StudySettings.current().org_life_requirements.items()
    ]


def bound_org_kinds() -> set[str]:
    return {k for r in requirements() for k in r.org_kinds}


def period_index(every: str, month: int) -> int:
    """0-based period of MONTH (1..12)."""
    return {"month": month - 1, "quarter": (month - 1) // 3, "year": 0}[every]


def period_bounds(year: int, every: str, index: int) -> tuple[dt.date, dt.date]:
    if every == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first = index + 1 if every == "month" else index * 3 + 1
    last = first if every == "month" else first + 2
    end = dt.date(year + (last == 12), 1 if last == 12 else last + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def period_label(every: str, index: int) -> str:
    if every == "month":
        return f"{index + 1}月"
    if every == "quarter":
        return f"第{'一二三四'[index]}季度"
    return "全年"


def as_of_for(year: int, today: dt.date) -> dt.date:
    """The day a year is judged on: today within it, the day after it for a past year."""
    return min(today, dt.date(year + 1, 1, 1)) if year <= today.year else dt.date(year, 1, 1) - dt.timedelta(days=1)


@dataclass
class Cell:
    index: int
    label: str
    state: str
    count: int

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class Line:
    requirement: Requirement
    cells: list[Cell]


@dataclass
class OrgStanding:
    """One organization's year: counts, and what is missing or due."""

    org_id: int
    code: str
    name: str
    kind: str
    path: str
    required: int = 0  # periods that counted (ended, or under way and already held)
    held: int = 0
    missing: list[tuple[Requirement, int]] = field(default_factory=list)
    due: list[Requirement] = field(default_factory=list)  # unheld in the period under way
    lines: list[Line] = field(default_factory=list)  # only when asked for (the per-organization calendar)

    @property
    def rate(self) -> float | None:
        return round(self.held * 100 / self.required, 1) if self.required else None

    @property
    def missing_labels(self) -> list[str]:
        return [f"{r.label}（{period_label(r.every, i)}）" for r, i in self.missing]

    @property
    def due_labels(self) -> list[str]:
        return [r.label for r in self.due]

    @property
    def behind(self) -> bool:
        return bool(self.missing)


def held_counts(orgs: QuerySet[Organization], year: int) -> dict[tuple[int, str], list[int]]:
    """{(org id, kind): meetings held in each month} for the year, from the tallies: one small query."""
    rows = MeetingTally.objects.filter(year=year, org__in=orgs).values_list("org_id", "kind", "counts")
    return {(org_id, kind): decode_counts(counts) for org_id, kind, counts in rows}


@dataclass(frozen=True)
class _Period:
    index: int
    start: dt.date
    end: dt.date


def _periods(year: int) -> dict[str, list[_Period]]:
    result = {}
    for every, count in PERIODS.items():
        periods = []
        for i in range(count):
            start, end = period_bounds(year, every, i)
            periods.append(_Period(i, start, end))
        result[every] = periods
    return result


_ZEROS = [0] * 12


def _by_period(every: str, m: list[int]) -> list[int]:
    if every == "month":
        return m
    if every == "quarter":
        return [m[0] + m[1] + m[2], m[3] + m[4] + m[5], m[6] + m[7] + m[8], m[9] + m[10] + m[11]]
    return [sum(m)]


def standings(
    orgs: QuerySet[Organization], year: int, today: dt.date, *, with_lines: bool = False
) -> list[OrgStanding]:
    """The standing of every organization of ORGS bound by a requirement, in path order."""
    reqs = requirements()
    bound = orgs.filter(kind__in=bound_org_kinds())
    as_of = as_of_for(year, today)
    counts = held_counts(bound, year)
    periods = _periods(year)
    fields = ("pk", "code", "name", "kind", "path", "founded_on", "has_branch_committee")
    result = []
    for pk, code, name, kind, path, founded_on, has_committee in bound.order_by("path").values_list(*fields):
        s = OrgStanding(org_id=pk, code=code, name=name, kind=kind, path=path)
        for req in reqs:
            if not req.binds(kind, has_committee):
                continue
            by_period = _by_period(req.every, counts.get((pk, req.kind), _ZEROS))
            cells: list[Cell] | None = [] if with_lines else None
            for p, n in zip(periods[req.every], by_period, strict=True):
                if founded_on and p.end < founded_on:
                    state = NA
                elif n:
                    state = HELD
                    if p.start <= as_of:
                        s.required += 1
                        s.held += 1
                elif p.start > as_of:
                    state = FUTURE
                elif p.end < as_of:
                    state = MISSING
                    s.required += 1
                    s.missing.append((req, p.index))
                else:
                    state = DUE
                    s.due.append(req)
                if cells is not None:
                    cells.append(Cell(index=p.index, label=period_label(req.every, p.index), state=state, count=n))
            if cells is not None:
                s.lines.append(Line(requirement=req, cells=cells))
        result.append(s)
    return result


def rate_of(rows: list[OrgStanding]) -> float:
    """Share of required meetings held, in per cent (0 when nothing was required yet)."""
    required = sum(r.required for r in rows)
    return round(sum(r.held for r in rows) * 100 / required, 1) if required else 0.0


# ---------------------------------------------------------------- what the calendar pages show


def org_year(org: Organization, year: int, today: dt.date) -> OrgStanding:
    """ORG's own calendar for YEAR, line by line (an organization that holds meetings itself)."""
    return standings(Organization.objects.filter(pk=org.pk), year, today, with_lines=True)[0]


def org_year_rows(standing: OrgStanding) -> list[tuple[Any, ...]]:
    """The calendar's cells as rows of its Excel export."""
    return [
        (line.requirement.label, line.requirement.every_label, c.label, c.state_label, c.count)
        for line in standing.lines
        for c in line.cells
    ]


@dataclass(frozen=True)
class Summary:
    """Every bound organization of a subtree with its year so far."""

    rows: list[OrgStanding]
    rate: float
    behind_count: int
    as_of: dt.date

    def shown(self, *, only_behind: bool) -> list[OrgStanding]:
        return [r for r in self.rows if r.behind] if only_behind else self.rows


SUMMARY_HEADERS = ["组织编码", "组织", "应开（期）", "已开（期）", "按期开展率%", "缺项数", "缺项"]


def subtree_summary(user: Any, org: Organization, year: int, today: dt.date) -> Summary:
    """The summary of ORG's subtree as far as USER sees it, kept while no figure may have changed
    (the same for everyone of one scope; a committee's 1,000 organizations are some 20 ms of
    Python each time)."""

    def build() -> Summary:
        rows = standings(scoping.in_subtree(scoping.visible_orgs(user), org, ""), year, today)
        return Summary(
            rows=rows, rate=rate_of(rows), behind_count=sum(1 for r in rows if r.behind), as_of=as_of_for(year, today)
        )

    parts = (scoping.scope_paths(user), org.path, year, today, StudySettings.current())
    return registry.figures_cached("study.subtree_summary", parts, build)


def summary_rows(rows: list[OrgStanding]) -> list[tuple[Any, ...]]:
    return [(r.code, r.name, r.required, r.held, r.rate, len(r.missing), "、".join(r.missing_labels)) for r in rows]
