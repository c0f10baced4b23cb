"""The statistics registry: the DOMAIN.md figures, collected from the apps' manifests.

An app writes each figure in its `stats.py` as a function of an organization
(the root of a subtree) and a year, decorated with `@metric(...)`, and lists
them in its manifest (`metrics=metrics_in(stats)`). The dashboard, the stats
API and the annual report ask this module and never import the apps' models.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .manifests import AppManifest, added, manifests

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
) -> Callable[[MetricFunc], Metric]:
    """Declare FUNC(org, year) as the figure KEY; list it in the app's manifest with metrics_in()."""

    def decorator(func: MetricFunc) -> Metric:
        return Metric(
            key=key, label=label, func=func, unit=unit, records_url=records_url, records=records, per_org=per_org
        )

    return decorator


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
    return sorted(found.values(), key=lambda m: m.key)


def get(key: str) -> Metric:
    for m in metrics():
        if m.key == key:
            return m
    raise KeyError(key)


def per_org(key: str, orgs: Sequence[Organization], year: int) -> dict[int, float | int]:
    """The figure KEY of each of ORGS (each for its own subtree) in YEAR, keyed by organization id."""
    m = get(key)
    if m.per_org is not None:
        values = m.per_org(orgs, year)
        return {o.pk: values.get(o.pk, 0) for o in orgs}
    return {o.pk: m.func(o, year) for o in orgs}


def installed_for_test(*extra: Metric) -> AbstractContextManager[AppManifest]:
    """EXTRA metrics count as registered inside the block (tests that must not depend on the apps)."""
    return added(AppManifest(app="test", label="测试", metrics=extra))


def compute(org: Organization, year: int) -> dict[str, float | int]:
    return {m.key: m.func(org, year) for m in metrics()}
