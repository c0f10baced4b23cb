"""The statistics registry.

Each domain app registers, in its `stats.py`, the DOMAIN.md metric keys it can
compute for an organization subtree and a year. The dashboard, the stats API
and (later) the annual report ask the registry and never import the apps'
models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization

MetricFunc = Callable[["Organization", int], float | int]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    func: MetricFunc
    unit: str = ""
    # Name of a URL pattern listing the records behind the figure; it is
    # reversed with no arguments and given ?org=CODE&year=YYYY.
    records_url: str = ""


_metrics: dict[str, Metric] = {}


def register(key: str, label: str, *, unit: str = "", records_url: str = "") -> Callable[[MetricFunc], MetricFunc]:
    def decorator(func: MetricFunc) -> MetricFunc:
        if key in _metrics and _metrics[key].func is not func:
            raise ValueError(f"metric {key} registered twice")
        _metrics[key] = Metric(key=key, label=label, func=func, unit=unit, records_url=records_url)
        return func

    return decorator


def metrics() -> list[Metric]:
    return sorted(_metrics.values(), key=lambda m: m.key)


def compute(org: Organization, year: int) -> dict[str, float | int]:
    return {m.key: m.func(org, year) for m in metrics()}
