"""The statistics registry: the DOMAIN.md figures, collected from the apps' manifests.

An app writes each figure in its `stats.py` as a function of an organization
(the root of a subtree) and a year, decorated with `@metric(...)`, and lists
them in its manifest (`metrics=metrics_in(stats)`). The dashboard, the stats
API and the annual report ask this module and never import the apps' models.

Figures are cached (`compute`, `value`) per metric, organization, year and day
(figures such as "overdue" move with the date). A figure is current while its
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
import hashlib
import uuid
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from . import oncommit
from .manifests import AppManifest, added, manifests

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from dangjian.orgs.models import Organization

T = TypeVar("T")
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
    keys = _cache_keys(found, org, year)
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
    cache_key = _cache_keys([m], org, year)[m.key]
    cache = caches[FIGURES_CACHE]
    if cache_key is not None:
        hit = cache.get(cache_key)
        if hit is not None:
            return hit  # type: ignore[no-any-return]
    result = _total(m, contributions(key), org, year)
    if cache_key is not None:
        cache.set(cache_key, result, settings.STATS_CACHE_SECONDS)
    return result


# ---------------------------------------------------------------- the cache and its generations

FIGURES_CACHE = "figures"  # this process's memory: figures are small and cheap to recompute once
GENERATIONS_CACHE = "shared"  # seen by every worker, so a write in one invalidates all
# The kernel's data every figure may read (organizations, units, people, posts).
KERNEL_SOURCES = ("orgs", "people")
ALL = "*"  # figures_changed(): every figure


def figures_changed(*app_labels: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """The rows behind the figures of APP_LABELS (all figures when none is named) changed.

    For writes that send no signals: bulk_create, bulk_update, QuerySet.update,
    raw SQL. Inside a transaction the figures count as changed at once for it and
    for everyone after the commit.
    """
    for label in app_labels or (ALL,):
        oncommit.once(_pending_key(label), functools.partial(_bump, label), using=using)


def watch_models() -> None:
    """Connect the receivers that mark an app's figures changed when one of its models is written.

    Only the models of apps that list metrics and of the kernel's sources: a receiver
    makes Django fetch rows before deleting them, which the audit trail's pruning must not pay.
    """
    for label in _source_labels():
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models(include_auto_created=True):
            uid = f"dangjian_figures_{model._meta.label_lower}"
            post_save.connect(_model_written, sender=model, dispatch_uid=uid)
            post_delete.connect(_model_written, sender=model, dispatch_uid=uid)
            m2m_changed.connect(_model_written, sender=model, dispatch_uid=uid)


def _source_labels() -> list[str]:
    labels = [m.app for m in manifests() if m.metrics]
    return [*KERNEL_SOURCES, *(label for label in labels if label not in KERNEL_SOURCES)]


def _model_written(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: pre_add / pre_remove / pre_clear come before the write
    instance = kwargs.get("instance")
    using = getattr(getattr(instance, "_state", None), "db", None) or kwargs.get("using") or DEFAULT_DB_ALIAS
    figures_changed(sender._meta.app_label, using=using)


def _pending_key(label: str) -> str:
    return f"figures:{label}"


def _generation_key(label: str) -> str:
    return f"dangjian:figures:generation:{label}"


def _bump(label: str) -> None:
    caches[GENERATIONS_CACHE].set(_generation_key(label), uuid.uuid4().hex, None)


def _generations(labels: Sequence[str]) -> dict[str, str]:
    """The current token of each of LABELS (one cache round trip), made up where none is yet."""
    cache = caches[GENERATIONS_CACHE]
    keys = {label: _generation_key(label) for label in labels}
    found = cache.get_many(list(keys.values()))
    tokens: dict[str, str] = {}
    for label, key in keys.items():
        token = found.get(key)
        if token is None:
            cache.add(key, uuid.uuid4().hex, None)
            token = cache.get(key) or ""
        tokens[label] = token
    return tokens


def _cache_keys(found: Sequence[Metric], org: Organization, year: int) -> dict[str, str | None]:
    """The cache key of each metric's figure for ORG and YEAR; None where it must be computed afresh.

    A figure that takes contributions depends on the rows of every contributing app too."""
    app_of: dict[str, str] = {}
    contributors: dict[str, set[str]] = {}
    for manifest in manifests():
        for m in manifest.metrics:
            app_of[m.key] = manifest.app
            if m.adds_to:
                contributors.setdefault(m.adds_to, set()).add(manifest.app)
    labels = {ALL, *KERNEL_SOURCES, *app_of.values()}
    # This transaction wrote rows behind a figure: it sees rows nobody else does yet.
    written = {label for label in labels if oncommit.pending(_pending_key(label))}
    tokens = _generations(sorted(labels))
    kernel = ".".join(tokens[label] for label in (ALL, *KERNEL_SOURCES))
    today = timezone.localdate().isoformat()
    keys: dict[str, str | None] = {}
    for m in found:
        sources = sorted({app_of.get(m.key, ""), *contributors.get(m.key, ())})
        if written & {ALL, *KERNEL_SOURCES, *sources}:
            keys[m.key] = None
        else:
            generation = ".".join(tokens.get(app, "") for app in sources)
            keys[m.key] = f"dangjian:figure:{m.key}:{org.pk}:{year}:{today}:{kernel}.{generation}"
    return keys


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
    bundle_keys = _bundle_keys(found, every)
    bundles = cache.get_many([k for k in bundle_keys.values() if k is not None])
    result: dict[tuple[int, int], dict[str, float | int]] = {}
    pairs = []
    for o, y in every:
        bundle_key = bundle_keys[(o.pk, y)]
        if bundle_key is not None and bundle_key in bundles:
            result[(o.pk, y)] = dict(bundles[bundle_key])
        else:
            result[(o.pk, y)] = {}
            pairs.append((o, y))
    if not pairs:
        return result
    keys = _cache_keys_many(found, pairs)
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
    made = {bundle_keys[(o.pk, y)]: result[(o.pk, y)] for o, y in pairs if bundle_keys[(o.pk, y)] is not None}
    if fresh or made:
        cache.set_many({**fresh, **made}, settings.STATS_CACHE_SECONDS)
    return result


def _bundle_keys(
    found: Sequence[Metric], pairs: Sequence[tuple[Organization, int]]
) -> dict[tuple[int, int], str | None]:
    """The cache key of all figures of each (organization, year) at once, made of every app's generation
    (so a write to any figure's rows retires it); None for all when this transaction wrote such rows."""
    version = figures_version()
    if version is None:
        return {(o.pk, y): None for o, y in pairs}
    digest = hashlib.sha1(f"{version}|{','.join(m.key for m in found)}".encode(), usedforsecurity=False).hexdigest()
    return {(o.pk, y): f"dangjian:figures:{o.pk}:{y}:{digest}" for o, y in pairs}


def figures_version() -> str | None:
    """A short token that changes whenever any figure may have (a write to the rows behind any
    metric, or a new day): for caching what is made of many figures (a dashboard's data). None
    inside a transaction that wrote such rows (what it sees is its own)."""
    labels = sorted({ALL, *KERNEL_SOURCES, *(m.app for m in manifests() if m.metrics)})
    if any(oncommit.pending(_pending_key(label)) for label in labels):
        return None
    tokens = _generations(labels)
    state = "|".join(f"{label}={tokens[label]}" for label in labels) + "|" + timezone.localdate().isoformat()
    return hashlib.sha1(state.encode(), usedforsecurity=False).hexdigest()


def _cache_keys_many(
    found: Sequence[Metric], pairs: Sequence[tuple[Organization, int]]
) -> dict[tuple[str, int, int], str | None]:
    """_cache_keys() for many (organization, year) pairs, reading the generations once:
    {(metric key, org id, year): cache key or None}."""
    if not pairs:
        return {}
    first, first_year = pairs[0]
    one = _cache_keys(found, first, first_year)
    keys: dict[tuple[str, int, int], str | None] = {}
    for m in found:
        template = one[m.key]
        # The key of (FIRST, FIRST_YEAR) with another organization and year: what compute() would use.
        rest = template.removeprefix(f"dangjian:figure:{m.key}:{first.pk}:{first_year}:") if template else None
        for o, y in pairs:
            keys[(m.key, o.pk, y)] = None if rest is None else f"dangjian:figure:{m.key}:{o.pk}:{y}:{rest}"
    return keys


# ---------------------------------------------------------------- what is made of the kernel's rows alone


def kernel_version() -> str | None:
    """A short token that changes whenever the kernel's organizations or people (units, posts,
    elections …) are written, or a new day begins (terms fall due with the date); None inside a
    transaction that wrote such rows. Narrower than figures_version(): a volunteer's sign-up does
    not retire the organization tree."""
    labels = sorted({ALL, *KERNEL_SOURCES})
    if any(oncommit.pending(_pending_key(label)) for label in labels):
        return None
    tokens = _generations(labels)
    state = "|".join(f"{label}={tokens[label]}" for label in labels) + "|" + timezone.localdate().isoformat()
    return hashlib.sha1(state.encode(), usedforsecurity=False).hexdigest()


def kernel_cached(name: str, parts: Sequence[object], compute: Callable[[], T]) -> T:
    """COMPUTE(), kept in the figures cache while the kernel's rows are unchanged (kernel_version).

    For what many users share and only the organizations and people decide: the tree of a
    scope, an organization's head counts, a roster's choices. NAME and PARTS (their repr: the
    user's scope paths, a flag, the settings in force) tell apart the values kept under one name.
    Inside a transaction that wrote such rows it computes afresh and keeps nothing.
    """
    return _kept(f"kernel:{name}", parts, kernel_version(), compute)


def figures_cached(name: str, parts: Sequence[object], compute: Callable[[], T]) -> T:
    """COMPUTE(), kept in the figures cache while no figure may have changed (figures_version):
    kernel_cached() for what the domain apps' rows decide too (a subtree's organization life)."""
    return _kept(f"figures:{name}", parts, figures_version(), compute)


def _kept(name: str, parts: Sequence[object], version: str | None, compute: Callable[[], T]) -> T:
    if version is None:
        return compute()
    digest = hashlib.sha1(repr((name, *parts)).encode(), usedforsecurity=False).hexdigest()
    key = f"dangjian:kept:{name}:{digest}:{version}"
    cache = caches[FIGURES_CACHE]
    found = cache.get(key, _ABSENT)
    if found is not _ABSENT:
        return found  # type: ignore[no-any-return]
    value = compute()
    cache.set(key, value, settings.STATS_CACHE_SECONDS)
    return value


_ABSENT = object()
