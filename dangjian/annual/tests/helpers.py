"""The annual tests' world: the named World plus figures of our own.

SEED is the committee's 2019 report (DOMAIN.md): its figures as fake metrics, so the
exactness test knows exactly what the report must say without building 3,000 records.
seed_metrics() replaces every registered metric with them inside a block.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from dangjian.core import manifests
from dangjian.core.manifests import AppManifest
from dangjian.core.registry import Metric, installed_for_test
from dangjian.core.testing import BaseTestCase, MemberFactory
from dangjian.people.models import Member

YEAR = timezone.localdate().year - 1

# key: (label, unit, this year, the year before)
SEED: dict[str, tuple[str, str, int, int]] = {
    "central_group.sessions": ("中心组集体学习", "期", 3, 4),
    "central_group.attendances": ("中心组学习参学", "人次", 922, 800),
    "training.classes": ("举办培训班", "次", 17, 17),
    "training.attendances": ("参加培训", "人次", 2839, 2500),
    "info_reports.submitted": ("向上级报送信息", "篇", 130, 0),
    "volunteer.brigades": ("志愿服务支队", "支", 70, 56),
    "orgs.units_adjusted": ("党组织设置调整涉及单位", "个", 29, 0),
    "cadres.full_time_deputy_secretaries": ("专职副书记任命", "名", 10, 0),
    "activity_rooms.standardized": ("标准化党员活动室", "个", 62, 0),
    "cases.submitted": ("报送优秀案例", "篇", 5, 0),
    "cases.awarded": ("优秀案例获奖", "篇", 2, 0),
    "brands.submitted": ("党建品牌申报", "个", 63, 0),
    "brands.recognized": ("党建品牌认定", "个", 30, 24),
}


def fake(key: str, label: str, unit: str, values: Mapping[int, float], records_url: str = "annual:reports") -> Metric:
    return Metric(key=key, label=label, unit=unit, func=lambda org, year: values.get(year, 0), records_url=records_url)


def seed_metric_list() -> list[Metric]:
    return [fake(k, label, unit, {YEAR: now, YEAR - 1: before}) for k, (label, unit, now, before) in SEED.items()]


@contextmanager
def only_metrics(*metrics: Metric) -> Iterator[None]:
    """METRICS are the only registered figures inside the block (the apps' own are set aside)."""
    reverse("annual:reports")  # the URL tree is built from the manifests: build it with the real ones first
    with mock.patch.object(manifests, "_cache", [AppManifest(app="seedtest", label="测试数据", metrics=metrics)]):
        yield


def members_in(org: Any, year: int) -> Any:
    from dangjian.core import scoping

    return scoping.in_subtree(Member.objects.all(), org)


def roster_metric() -> Metric:
    """A figure with records: the people on the subtree's roster (any year)."""
    return Metric(
        key="test.roster",
        label="名册人数",
        unit="人",
        func=lambda org, year: members_in(org, year).count(),
        records=members_in,
        records_url="annual:reports",
    )


class AnnualTestCase(BaseTestCase):
    def person(self, **fields: Any) -> Member:
        return MemberFactory.create(**fields)  # type: ignore[no-any-return]

    @contextmanager
    def roster_figure(self) -> Iterator[Metric]:
        m = roster_metric()
        with installed_for_test(m):
            yield m
