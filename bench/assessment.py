"""Benchmarks of the assessment (issue 12 §1, §3, §6) on the city data set.

    .venv/bin/python bench/assessment.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once (the
assessment seeder's share timed beside it). The headline is computing the whole
committee's results (about 420 organizations, every automatic indicator of the
scheme read from the registry, the gates, the marks, ranks and grades, and the
rows written) as the 计算结果 button does it, then the results page once
computed (committee staff, first page), an organization's breakdown, and the
exports. Always exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from io import StringIO
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as common  # noqa: E402  (bench/run.py: Item, measure, get_page, report)


def main() -> int:
    return common.app_bench_main("assessment", "党建考核性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from dangjian.accounts.models import User
    from dangjian.assessment import services
    from dangjian.assessment.models import Indicator, OrgResult, ResultSet, ResultStatus, Scheme
    from dangjian.core import registry
    from dangjian.orgs.models import Organization

    runs, memory = max(1, args.runs), not args.no_memory
    print(f"党建考核性能基准：规模 city，每项 {runs} 轮取中位数，临时数据库 {common.DB.relative_to(BASE)}")
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    common.close_db()
    call_command("migrate", verbosity=0, interactive=False)
    share: list[float] = []
    seeding = common.Item("生成 city 演示数据（seed_demo，含各模块）", 60.0)
    t = time.perf_counter()
    with common.timing_seeder("assessment", share):
        call_command("seed_demo", "--scale", "city", "--seed", str(args.seed), stdout=StringIO())
    seeding.times.append(time.perf_counter() - t)
    part = common.Item("  其中党建考核数据（assessment 生成器，含一次计算）", 3.0)
    part.times = share
    items = [seeding, part]

    root = Organization.objects.get(depth=1)
    scheme = Scheme.objects.filter(committee=root).order_by("-year", "-version").first()
    assert scheme is not None
    automatic = Indicator.objects.filter(category__scheme=scheme, source__in=["auto", "evaluation"]).count()
    rated = services.assessed_orgs(scheme).count()
    total = Organization.objects.count()
    print(f"数据：党组织 {total} 个，参加考核 {rated} 个；方案 {scheme}，自动取数指标 {automatic} 项")
    print()

    def compute(cold: bool) -> None:
        # Back to 已计算 inside a transaction that is rolled back: each run computes from the same rows.
        if cold:
            caches[registry.FIGURES_CACHE].clear()
        with transaction.atomic():
            ResultSet.objects.filter(scheme=scheme).update(status=ResultStatus.COMPUTED)
            services.results_compute(scheme=scheme)
            transaction.set_rollback(True)

    cold = common.Item(f"计算全工委考核结果（{rated} 个组织，全部自动指标，统计缓存清空）", 2.0)
    common.measure(cold, runs, lambda: compute(True), memory=memory)
    items.append(cold)
    warm = common.Item("  重新计算（统计已缓存，如评分后再算）", 2.0)
    common.measure(warm, runs, lambda: compute(False), memory=memory)
    items.append(warm)

    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    result = OrgResult.objects.filter(result_set__scheme=scheme).order_by("rank").first()
    assert result is not None
    for label, url, target in (
        ("考核结果 GET /assessment/<id>/results/（已计算，第 1 页）", f"/assessment/{scheme.pk}/results/", 0.100),
        ("组织得分明细 GET /assessment/results/<id>/", f"/assessment/results/{result.pk}/", 0.100),
        ("结果表导出 .xlsx（全部组织）", f"/assessment/{scheme.pk}/results/?export=xlsx", 1.000),
        ("结果表导出 .docx（全部组织）", f"/assessment/{scheme.pk}/results/?export=docx", 2.000),
        (
            "结果接口 GET /api/v1/assessment/results（全部组织）",
            f"/api/v1/assessment/results?year={scheme.year}",
            0.300,
        ),
    ):
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(client, url), warmup=True, memory=memory)
        items.append(item)
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
