"""The statistics registry's kept values: the figures' cache keys, the generations that retire them,
and values kept while the rows behind them are unchanged (`kernel_cached`, `figures_cached`).

A figure is current while its app's *generation* is: each app whose manifest lists metrics, and
the kernel's organizations and people that every figure may read, has a token in the "shared"
cache that a save, delete or many-to-many change of one of its models replaces once the
transaction commits (`watch_models`); bulk writes that send no signals call `figures_changed()`.
Inside a transaction that has written, every key here is None: computed afresh, nothing stored.
`dangjian.core.registry` computes the figures with these keys and re-exports the public names.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from . import oncommit
from .manifests import manifests

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization

T = TypeVar("T")


class Keyed(Protocol):
    """What the keys here read of a registry.Metric: its key (this module does not import the registry)."""

    @property
    def key(self) -> str: ...


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
        oncommit.once(pending_key(label), functools.partial(_bump, label), using=using)


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


def pending_key(label: str) -> str:
    return f"figures:{label}"


def _generation_key(label: str) -> str:
    return f"dangjian:figures:generation:{label}"


def _bump(label: str) -> None:
    caches[GENERATIONS_CACHE].set(_generation_key(label), uuid.uuid4().hex, None)


def generations(labels: Sequence[str]) -> dict[str, str]:
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


def cache_keys(found: Sequence[Keyed], org: Organization, year: int) -> dict[str, str | None]:
    """The cache key of each metric's figure for ORG and YEAR; None where it must be computed afresh.

    A figure that takes contributions depends on the rows of every contributing app too."""
    app_of: dict[str, str] = {}
    contributors: dict[str, set[str]] = {}
    for manifest in manifests():
        for listed in manifest.metrics:
            app_of[listed.key] = manifest.app
            if listed.adds_to:
                contributors.setdefault(listed.adds_to, set()).add(manifest.app)
    labels = {ALL, *KERNEL_SOURCES, *app_of.values()}
    # This transaction wrote rows behind a figure: it sees rows nobody else does yet.
    written = {label for label in labels if oncommit.pending(pending_key(label))}
    tokens = generations(sorted(labels))
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


def bundle_keys(found: Sequence[Keyed], pairs: Sequence[tuple[Organization, int]]) -> dict[tuple[int, int], str | None]:
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
    if any(oncommit.pending(pending_key(label)) for label in labels):
        return None
    tokens = generations(labels)
    state = "|".join(f"{label}={tokens[label]}" for label in labels) + "|" + timezone.localdate().isoformat()
    return hashlib.sha1(state.encode(), usedforsecurity=False).hexdigest()


def cache_keys_many(
    found: Sequence[Keyed], pairs: Sequence[tuple[Organization, int]]
) -> dict[tuple[str, int, int], str | None]:
    """cache_keys() for many (organization, year) pairs, reading the generations once:
    {(metric key, org id, year): cache key or None}."""
    if not pairs:
        return {}
    first, first_year = pairs[0]
    one = cache_keys(found, first, first_year)
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
    if any(oncommit.pending(pending_key(label)) for label in labels):
        return None
    tokens = generations(labels)
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
