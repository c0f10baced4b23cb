"""A small scheme on the test world, and figures the tests set themselves.

The scheme (2026, committee GW): 绩效考核 20% (one committee-scored indicator),
党建考核 50% (org-life rate 40%, information reports against a target of 4 30%,
a self-evaluated ledger 30%), 述职评议 30% (the evaluation score). Staff is its
assessor. `figures({...})` makes the registry answer the given values per
organization code (registering `evaluation.score` while the evaluation app is absent).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile

from dangjian.assessment import services
from dangjian.assessment.conf import EVALUATION_METRIC
from dangjian.assessment.models import Component, Indicator, Scheme, Source
from dangjian.core import registry
from dangjian.core.registry import Metric

YEAR = 2026
PDF = b"%PDF-1.7\n%assessment evidence\n"


def build_scheme(w: Any, *, publish: bool = True, year: int = YEAR) -> Scheme:
    scheme = services.scheme_create(committee=w.committee, year=year, starter=False)
    scheme.weight_performance, scheme.weight_party, scheme.weight_evaluation = 20, 50, 30
    scheme.save()
    scheme.assessors.set([w.staff])
    perf = services.category_add(scheme=scheme, component=Component.PERFORMANCE, name="年度任务")
    party = services.category_add(scheme=scheme, component=Component.PARTY, name="组织生活")
    ev = services.category_add(scheme=scheme, component=Component.EVALUATION, name="述职评议")
    add = services.indicator_add
    I = services.IndicatorIn  # noqa: E741
    add(
        category=perf,
        data=I(name="重点任务", weight=Decimal(100), max_points=Decimal(10), source="committee", rule="manual"),
    )
    add(
        category=party,
        data=I(
            name="三会一课",
            weight=Decimal(40),
            max_points=Decimal(10),
            source="auto",
            rule="rate",
            metric_key="org_life.compliance_rate",
        ),
    )
    add(
        category=party,
        data=I(
            name="信息报送",
            weight=Decimal(30),
            max_points=Decimal(10),
            source="auto",
            rule="target",
            metric_key="info_reports.submitted",
            target=Decimal(4),
        ),
    )
    add(
        category=party,
        data=I(name="工作台账", weight=Decimal(30), max_points=Decimal(10), source="self", rule="manual"),
    )
    add(category=ev, data=I(name="述职评议得分", weight=Decimal(100), max_points=Decimal(100), source="evaluation",
                            rule="rate"))  # fmt: skip
    if publish:
        scheme = services.scheme_publish(scheme=scheme)
    return scheme


def indicator(scheme: Scheme, name: str) -> Indicator:
    return Indicator.objects.get(category__scheme=scheme, name=name)


def self_indicator(scheme: Scheme) -> Indicator:
    return Indicator.objects.get(category__scheme=scheme, source=Source.SELF)


def pdf(name: str = "台账.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@contextmanager
def figures(values: Mapping[str, Mapping[str, float]]) -> Iterator[None]:
    """The registry answers VALUES[key][org code] (0 for others) for each key named."""
    original = registry.per_org

    def per_org(key: str, orgs: Any, year: int) -> dict[int, float | int]:
        if key in values:
            return {o.pk: values[key].get(o.code, 0) for o in orgs}
        return original(key, orgs, year)

    registered = {m.key for m in registry.metrics()}
    extra = (
        []
        if EVALUATION_METRIC in registered
        else [Metric(key=EVALUATION_METRIC, label="述职评议", func=lambda o, y: 0)]
    )
    original_value = registry.value

    def value(key: str, org: Any, year: int) -> float | int:
        if key in values:
            return values[key].get(org.code, 0)
        return original_value(key, org, year)

    with (
        registry.installed_for_test(*extra),
        mock.patch.object(registry, "per_org", per_org),
        mock.patch.object(registry, "value", value),
    ):
        yield


# The figures of the worked example (A01): compliance 80%, 2 reports of 4, evaluation 85, room standardized.
EXAMPLE = {
    "org_life.compliance_rate": {"A01": 80},
    "info_reports.submitted": {"A01": 2},
    EVALUATION_METRIC: {"A01": 85},
    "activity_rooms.standardized": {"A": 1, "A01": 1, "A02": 1, "B": 1, "B01": 1},
}


def media(case: Any) -> None:
    """Keep uploaded files out of the real media folder (another app may have moved it already)."""
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings
    from django.test import override_settings

    if Path(settings.MEDIA_ROOT).resolve() != (Path(settings.VAR_DIR) / "media").resolve():
        return
    folder = tempfile.mkdtemp(prefix="dangjian-assessment-")
    override = override_settings(MEDIA_ROOT=folder)
    override.enable()
    case.addCleanup(shutil.rmtree, folder, True)
    case.addCleanup(override.disable)
