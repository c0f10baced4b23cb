"""The dashboard's figures for one subtree and year, all read through the statistics registry.

- work lines: the registered figures grouped as the committee's year-end report orders its
  work (DashboardSettings.work_lines), each figure with the page of the records behind it;
- a trend: each figure of the subtree over the last `trend_years` years;
- a comparison: each figure of every organization directly below (party groups aside);
- who is behind this month: the organizations directly below (or the organization itself,
  when nothing is below it) that fail one of `behind_checks`, judged on this year's figures.

No other app's models are read: `registry.compute_many` gives every figure of many
organizations and years from the figures cache, computing (per_org where a metric has it)
only what a write has made stale.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from dangjian.core import registry, tree
from dangjian.core.manifests import manifests
from dangjian.core.registry import Metric
from dangjian.orgs.models import Organization, OrgKind

from ..conf import DashboardSettings

OTHER = ("other", "其他")


@dataclass(frozen=True)
class WorkLine:
    key: str
    label: str
    metrics: tuple[Metric, ...]


def work_lines() -> list[WorkLine]:
    """The registered figures by work line, in the order of the settings, then of the manifests."""
    conf = DashboardSettings.current()
    order = {m.key: i for i, m in enumerate(m for manifest in manifests() for m in manifest.metrics)}
    shown = sorted(
        (m for m in registry.metrics() if not m.key.startswith(conf.hidden_prefixes)),
        key=lambda m: order.get(m.key, len(order)),
    )
    lines: list[WorkLine] = []
    claimed: set[str] = set()
    for key, label, prefixes in conf.work_lines:
        found = [m for m in shown if m.key not in claimed and m.key.startswith(prefixes)]
        found.sort(key=lambda m: next(i for i, p in enumerate(prefixes) if m.key.startswith(p)))
        claimed.update(m.key for m in found)
        if found:
            lines.append(WorkLine(key, label, tuple(found)))
    rest = tuple(m for m in shown if m.key not in claimed)
    if rest:
        lines.append(WorkLine(*OTHER, rest))
    return lines


def shown_metrics() -> list[Metric]:
    return [m for line in work_lines() for m in line.metrics]


def children_of(org: Organization) -> QuerySet[Organization]:
    """The organizations directly below ORG that the comparison shows (party groups are not compared)."""
    return Organization.objects.filter(tree.child_q(org.path)).exclude(kind=OrgKind.GROUP).order_by("path")


def records_base(metric: Metric) -> str:
    """The address of METRIC's records page, without its ?org=&year= ("" if it has none)."""
    return _reversed(metric.records_url) if metric.records_url else ""


@functools.lru_cache(maxsize=256)
def _reversed(url_name: str) -> str:
    return reverse(url_name)


def records_link(metric: Metric, code: str, year: int) -> str:
    """The page of the records behind METRIC's figure for the subtree CODE and YEAR ("" if none)."""
    base = records_base(metric)
    return f"{base}?org={code}&year={year}" if base else ""


def trend_years(year: int) -> list[int]:
    span = max(1, DashboardSettings.current().trend_years)
    return list(range(year - span + 1, year + 1))


def _number(value: float | int) -> float | int:
    """A figure as JSON carries it: whole numbers as integers, others to one decimal."""
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else round(as_float, 1)


@dataclass(frozen=True)
class Check:
    metric: Metric
    rule: str  # below | above
    threshold: float

    def fails(self, value: float | int) -> bool:
        return value < self.threshold if self.rule == "below" else value > self.threshold

    @property
    def text(self) -> str:
        """组织生活按期开展率低于 90% / 有换届超期组织: what counts as behind, for the page's legend."""
        if self.rule == "above" and self.threshold == 0:
            return f"有{self.metric.label}"
        word = "低于" if self.rule == "below" else "多于"
        return f"{self.metric.label}{word} {_number(self.threshold)}{self.metric.unit}"


def behind_checks() -> list[Check]:
    known = {m.key: m for m in registry.metrics()}
    checks = []
    for key, rule, threshold in DashboardSettings.current().behind_checks:
        if key in known and rule in ("below", "above"):
            checks.append(Check(known[key], rule, float(threshold)))
    return checks


def board(org: Organization, year: int, *, today: dt.date | None = None, links: bool = True) -> dict[str, Any]:
    """Everything the dashboard draws for ORG's subtree in YEAR, as JSON-ready data.

    LINKS: each figure with the address of its records page (not for the display screen).
    Kept in the figures cache while no figure may have changed (registry.figures_version).
    """
    today = today or timezone.localdate()
    version = registry.figures_version()
    key = f"dangjian:dashboard:{org.pk}:{year}:{today.isoformat()}:{int(links)}:{version}"
    cache = caches[registry.FIGURES_CACHE]
    if version is not None:
        hit = cache.get(key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
    data = _board(org, year, today=today, links=links)
    if version is not None:
        cache.set(key, data, settings.STATS_CACHE_SECONDS)
    return data


def _board(org: Organization, year: int, *, today: dt.date, links: bool) -> dict[str, Any]:
    lines = work_lines()
    years = trend_years(year)
    children = list(children_of(org))
    own = registry.compute_many([org], years)
    below = registry.compute_many(children, [year]) if children else {}

    def link(metric: Metric, code: str) -> str:
        return records_link(metric, code, year) if links else ""

    child_pks = [c.pk for c in children]
    adding = {m.key: registry.contributions(m.key) for line in lines for m in line.metrics}
    data_lines = []
    for line in lines:
        items = []
        for m in line.metrics:
            mine = own[(org.pk, year)]
            items.append(
                {
                    "key": m.key,
                    "label": m.label,
                    "unit": m.unit,
                    "value": _number(own[(org.pk, year)][m.key]),
                    "records": link(m, org.code),
                    "records_base": records_base(m) if links else "",
                    "trend": [_number(own[(org.pk, y)][m.key]) for y in years],
                    "compare": [_number(below[(pk, year)][m.key]) for pk in child_pks],
                    "parts": _parts(m, adding[m.key], mine, org.code, year, links),
                }
            )
        data_lines.append({"key": line.key, "label": line.label, "metrics": items})
    return {
        "org": {"code": org.code, "name": org.name, "kind": org.get_kind_display()},
        "year": year,
        "years": years,
        "as_of": today.isoformat(),
        "children": [{"code": c.code, "name": c.name} for c in children],
        "lines": data_lines,
        "behind": behind(org, children, today=today, links=links, figures=below if year == today.year else None),
    }


def _parts(
    metric: Metric, adding: list[Metric], values: dict[str, float | int], code: str, year: int, links: bool
) -> list[dict[str, Any]]:
    """A figure other apps add to, split into its owner's part and each contribution, each with its own
    records page (so the rows of the pages add up to the figure); [] for a figure nobody adds to."""
    if not adding:
        return []
    added = [(c, values.get(c.key, 0)) for c in adding]
    parts = [(metric, values[metric.key] - sum(v for _, v in added)), *added]
    return [
        {"key": m.key, "label": m.label, "value": _number(v), "records": records_link(m, code, year) if links else ""}
        for m, v in parts
    ]


def behind(
    org: Organization,
    children: list[Organization],
    *,
    today: dt.date,
    links: bool = True,
    figures: dict[tuple[int, int], dict[str, float | int]] | None = None,
) -> dict[str, Any]:
    """The organizations directly below ORG (ORG itself when none is) behind this month: this
    year's figures of each, checked against `behind_checks`, worst first. FIGURES: this year's
    figures of CHILDREN when the caller has them already."""
    checks = behind_checks()
    subjects = children or [org]
    year = today.year
    if figures is None or not children:
        figures = registry.compute_many(subjects, [year]) if checks else {}
    rows: list[dict[str, Any]] = []
    for o in subjects:
        values = figures.get((o.pk, year), {})
        cells = []
        failed = 0
        for c in checks:
            value = values.get(c.metric.key, 0)
            bad = c.fails(value)
            failed += bad
            cells.append(
                {
                    "value": _number(value),
                    "behind": bad,
                    "records": records_link(c.metric, o.code, year) if links else "",
                }
            )
        if failed:
            rows.append({"code": o.code, "name": o.name, "failed": failed, "cells": cells})
    rows.sort(key=lambda r: -r["failed"])
    return {
        "year": year,
        "as_of": today.isoformat(),
        "checked": len(subjects),
        "columns": [
            {"key": c.metric.key, "label": c.metric.label, "unit": c.metric.unit, "rule": c.text} for c in checks
        ],
        "rows": rows,
    }
