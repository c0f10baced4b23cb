"""The statistics registry: the DOMAIN.md figures, collected from the apps' manifests.

An app writes each figure in its `stats.py` as a function of an organization
(the root of a subtree) and a year, decorated with `@metric(...)`, and lists
them in its manifest (`metrics=metrics_in(stats)`). The dashboard, the stats
API and the annual report ask this module and never import the apps' models.

Figures are cached (`compute`, `value`) per metric, organization, year and day
(figures such as "overdue" move with the date), under the keys and generations of
`dangjian.core.figures_cache` (re-exported here). A figure is current while its
app's *generation* is: each app whose manifest lists metrics, and the kernel's
organizations and people that every figure may read, has a token in the
"shared" cache that a save, delete or many-to-many change of one of its models
replaces once the transaction commits (`watch_models`). Inside a transaction
that has written, figures are computed afresh and not stored. Bulk writes that
bypass signals (bulk_create, QuerySet.update, raw SQL) call
`figures_changed()`. Calling a metric itself (`stats.sessions(org, year)`)
always computes, and gives the app's own part only (see below).

A figure may take *contributions* from other apps: a metric declared with
`adds_to=KEY` is a figure of its own app (listed, cached, with its records page)
that also adds to the figure KEY another app owns; brand training events the
committee counts as training add their person-times to `training.attendances`
without the study app knowing the brand app. Everything read through this
module (`compute`, `value`, `per_org`, `total`) is the owner's own figure plus
every contribution to it, and it is cached under the generations of the owner's
app and of every contributing app, so a write in either recomputes it. A
contribution adds one level only: it cannot itself receive contributions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import caches

# The kept values (the cache keys, the generations, kernel_cached and figures_cached) live in
# figures_cache; their public names are re-exported here (__all__), where the apps have always found them.
from .figures_cache import (
    ALL,
    FIGURES_CACHE,
    GENERATIONS_CACHE,
    KERNEL_SOURCES,
    bundle_keys,
    cache_keys,
    cache_keys_many,
    figures_cached,
    figures_changed,
    figures_version,
    kernel_cached,
    kernel_version,
    watch_models,
)
from .manifests import AppManifest, added, manifests

__all__ = [
    "ALL",
    "FIGURES_CACHE",
    "GENERATIONS_CACHE",
    "KERNEL_SOURCES",
    "Metric",
    "MetricFunc",
    "PerOrgFunc",
    "RecordsFunc",
    "compute",
    "compute_many",
    "compute_uncached",
    "contributions",
    "counted",
    "figures_cached",
    "figures_changed",
    "figures_version",
    "get",
    "installed_for_test",
    "kernel_cached",
    "kernel_version",
    "metric",
    "metrics",
    "metrics_in",
    "per_org",
    "total",
    "value",
    "watch_models",
]

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from dangjian.orgs.models import Organization

MetricFunc = Callable[["Organization", int], float | int]
RecordsFunc = Callable[["Organization", int], "QuerySet[Any]"]
# The figure of each of many organizations (each for its own subtree) in one go: {org id: value}.
PerOrgFunc = Callable[[Sequence["Organization"], int], Mapping[int, float | int]]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    func: MetricFunc
    unit: str = ""
    # Name of a URL pattern listing the records behind the figure; it is
    # reversed with no arguments and given ?org=CODE&year=YYYY.
    records_url: str = ""
    # The records behind the figure (a queryset whose count is the figure), where the app offers it.
    records: RecordsFunc | None = None
    # Many organizations at once (an assessment scores 400 branches): a few grouped queries
    # instead of one figure per organization. Optional; per_org() falls back to FUNC.
    per_org: PerOrgFunc | None = None
    # The key of another app's figure this one also adds to (a contribution); "" for none.
    adds_to: str = ""
    # A metric is callable (stats.sessions(org, year)); templates must read its fields, not call it.
    do_not_call_in_templates = True

    def __call__(self, org: Organization, year: int) -> float | int:
        return self.func(org, year)


def metric(
    key: str,
    label: str,
    *,
    unit: str = "",
    records_url: str = "",
    records: RecordsFunc | None = None,
    per_org: PerOrgFunc | None = None,
    adds_to: str = "",
) -> Callable[[MetricFunc], Metric]:
    """Declare FUNC(org, year) as the figure KEY; list it in the app's manifest with metrics_in().

    ADDS_TO names another app's figure (same unit) that this one also adds to: see the module's docstring.
    """

    def decorator(func: MetricFunc) -> Metric:
        return Metric(
            key=key,
            label=label,
            func=func,
            unit=unit,
            records_url=records_url,
            records=records,
            per_org=per_org,
            adds_to=adds_to,
        )

    return decorator


def counted(
    key: str,
    label: str,
    records: RecordsFunc,
    *,
    unit: str = "",
    records_url: str = "",
    org_field: str = "org",
    adds_to: str = "",
) -> Metric:
    """The figure KEY that counts RECORDS(org, year), a subtree filter on ORG_FIELD with one
    organization per record: the figure, its records and its per_org (one grouped query per
    tree) all come from RECORDS, so they cannot disagree."""
    from dangjian.orgs.selectors import count_per_org

    def figure(org: Organization, year: int) -> int:
        return records(org, year).count()

    figure.__name__ = figure.__qualname__ = key.replace(".", "_")
    return Metric(
        key=key,
        label=label,
        func=figure,
        unit=unit,
        records_url=records_url,
        records=records,
        per_org=functools.partial(count_per_org, records=records, org_field=org_field),
        adds_to=adds_to,
    )


def metrics_in(module: ModuleType) -> tuple[Metric, ...]:
    """The metrics a stats module defines, in the order it defines them."""
    return tuple(v for v in vars(module).values() if isinstance(v, Metric))


def metrics() -> list[Metric]:
    found: dict[str, Metric] = {}
    for manifest in manifests():
        for m in manifest.metrics:
            if m.key in found and found[m.key] is not m:
                raise ValueError(f"metric {m.key} registered twice (by {manifest.app} and another app)")
            found[m.key] = m
    for m in found.values():
        target = found.get(m.adds_to) if m.adds_to else None
        if m.adds_to == m.key:
            raise ValueError(f"metric {m.key} adds to itself")
        if target is not None and target.adds_to:
            raise ValueError(f"metric {m.key} adds to {target.key}, which itself adds to {target.adds_to}")
        if target is not None and target.unit != m.unit:
            raise ValueError(f"metric {m.key} ({m.unit}) adds to {target.key} ({target.unit}): units differ")
    return sorted(found.values(), key=lambda m: m.key)


def contributions(key: str) -> list[Metric]:
    """The metrics of other apps that add to the figure KEY (empty for most figures)."""
    return [m for m in metrics() if m.adds_to == key]


def _total(m: Metric, adding: Sequence[Metric], org: Organization, year: int) -> float | int:
    return m.func(org, year) + sum(c.func(org, year) for c in adding)


def total(key: str, org: Organization, year: int) -> float | int:
    """The figure KEY of ORG's subtree in YEAR with every contribution to it, computed from the rows."""
    return _total(get(key), contributions(key), org, year)


def get(key: str) -> Metric:
    for m in metrics():
        if m.key == key:
            return m
    raise KeyError(key)


def per_org(key: str, orgs: Sequence[Organization], year: int) -> dict[int, float | int]:
    """The figure KEY of each of ORGS (each for its own subtree) in YEAR, keyed by organization id."""
    result: dict[int, float | int] = {o.pk: 0 for o in orgs}
    for m in (get(key), *contributions(key)):
        if m.per_org is not None:
            values = m.per_org(orgs, year)
            for o in orgs:
                result[o.pk] += values.get(o.pk, 0)
        else:
            for o in orgs:
                result[o.pk] += m.func(o, year)
    return result


def installed_for_test(*extra: Metric) -> AbstractContextManager[AppManifest]:
    """EXTRA metrics count as registered inside the block (tests that must not depend on the apps)."""
    return added(AppManifest(app="test", label="测试", metrics=extra))


def compute(org: Organization, year: int) -> dict[str, float | int]:
    """Every registered figure of ORG's subtree in YEAR, from the cache where it is current."""
    found = metrics()
    keys = cache_keys(found, org, year)
    adding = _contributions_of(found)
    cache = caches[FIGURES_CACHE]
    hits = cache.get_many([k for k in keys.values() if k is not None])
    values: dict[str, float | int] = {}
    fresh: dict[str, float | int] = {}
    for m in found:
        key = keys[m.key]
        if key is not None and key in hits:
            values[m.key] = hits[key]
            continue
        values[m.key] = _total(m, adding.get(m.key, ()), org, year)
        if key is not None:
            fresh[key] = values[m.key]
    if fresh:
        cache.set_many(fresh, settings.STATS_CACHE_SECONDS)
    return values


def compute_uncached(org: Organization, year: int) -> dict[str, float | int]:
    """Every figure computed from the rows (the benchmark's baseline; checks of the cache)."""
    found = metrics()
    adding = _contributions_of(found)
    return {m.key: _total(m, adding.get(m.key, ()), org, year) for m in found}


def _contributions_of(found: Sequence[Metric]) -> dict[str, list[Metric]]:
    adding: dict[str, list[Metric]] = {}
    for m in found:
        if m.adds_to:
            adding.setdefault(m.adds_to, []).append(m)
    return adding


def value(key: str, org: Organization, year: int) -> float | int:
    """The figure KEY of ORG's subtree in YEAR, from the cache where it is current."""
    m = get(key)
    cache_key = cache_keys([m], org, year)[m.key]
    cache = caches[FIGURES_CACHE]
    if cache_key is not None:
        hit = cache.get(cache_key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
    result = _total(m, contributions(key), org, year)
    if cache_key is not None:
        cache.set(cache_key, result, settings.STATS_CACHE_SECONDS)
    return result


# ---------------------------------------------------------------- many organizations and years at once


def compute_many(orgs: Sequence[Organization], years: Sequence[int]) -> dict[tuple[int, int], dict[str, float | int]]:
    """Every registered figure of each of ORGS (each for its own subtree) in each of YEARS.

    {(org id, year): {key: value}}, the same values compute() gives one by one,
    but the generations are read once and the cache is asked once, so a
    dashboard of 60 organizations costs one round trip. Figures not in the cache
    are computed with the metric's per_org where it has one (a few grouped queries
    for all of ORGS), else one by one, and stored.
    """
    found = metrics()
    adding = _contributions_of(found)
    cache = caches[FIGURES_CACHE]
    every = [(o, y) for y in dict.fromkeys(years) for o in orgs]
    # First the bundles: all figures of one (organization, year), current while no app's rows changed.
    bundle_key_of = bundle_keys(found, every)
    bundles = cache.get_many([k for k in bundle_key_of.values() if k is not None])
    result: dict[tuple[int, int], dict[str, float | int]] = {}
    pairs = []
    for o, y in every:
        bundle_key = bundle_key_of[(o.pk, y)]
        if bundle_key is not None and bundle_key in bundles:
            result[(o.pk, y)] = dict(bundles[bundle_key])
        else:
            result[(o.pk, y)] = {}
            pairs.append((o, y))
    if not pairs:
        return result
    keys = cache_keys_many(found, pairs)
    hits = cache.get_many([k for k in keys.values() if k is not None])
    missing: dict[tuple[str, int], list[Organization]] = {}
    for o, y in pairs:
        for m in found:
            key = keys[(m.key, o.pk, y)]
            if key is not None and key in hits:
                result[(o.pk, y)][m.key] = hits[key]
            else:
                missing.setdefault((m.key, y), []).append(o)
    fresh: dict[str, float | int] = {}
    by_key = {m.key: m for m in found}
    for (metric_key, y), todo in missing.items():
        m = by_key[metric_key]
        totals: dict[int, float | int] = {o.pk: 0 for o in todo}
        for part in (m, *adding.get(m.key, ())):
            if part.per_org is not None and len(todo) > 1:
                values = part.per_org(todo, y)
                for o in todo:
                    totals[o.pk] += values.get(o.pk, 0)
            else:
                for o in todo:
                    totals[o.pk] += part.func(o, y)
        for o in todo:
            result[(o.pk, y)][m.key] = totals[o.pk]
            key = keys[(m.key, o.pk, y)]
            if key is not None:
                fresh[key] = totals[o.pk]
    made = {bundle_key_of[(o.pk, y)]: result[(o.pk, y)] for o, y in pairs if bundle_key_of[(o.pk, y)] is not None}
    if fresh or made:
        cache.set_many({**fresh, **made}, settings.STATS_CACHE_SECONDS)
    return result
