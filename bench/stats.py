"""Benchmark of the statistics registry's cache (issue 16 §1) on the city data set.

    .venv/bin/python bench/stats.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once, then every
registered figure of the whole committee for this year, computed from the rows
(`registry.compute_uncached`, the naive join) and read from the cache
(`registry.compute` once the figures are current), the stats API as committee
staff, and the first request after a write (the cache invalidated). Target:
cached ≤ 10% of naive, same run. Always exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as common  # noqa: E402  (bench/run.py: Item, measure, get_page, report)


def main() -> int:
    return common.app_bench_main("stats", "统计指标缓存性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.db import connection

    runs = max(1, args.runs)
    print(
        f"统计指标缓存性能基准：规模 city，每项 {runs} 轮取中位数，种子 {args.seed}"
        f"，临时数据库 {common.DB.relative_to(BASE)}"
    )
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    common.city_database(args)
    return common.report(measure_stats(runs, memory=not args.no_memory), started)


def queries_of(func) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        func()
    return len(queries)


def measure_stats(runs: int, *, memory: bool) -> list[common.Item]:
    """The timed items, on whatever city-scale database Django is connected to."""
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core import registry
    from dangjian.orgs.models import Organization

    year = timezone.localdate().year
    root = Organization.objects.filter(depth=1).order_by("path").first()
    assert root is not None
    figures = len(registry.metrics())
    print(f"数据：党组织 {Organization.objects.count()} 个，指标 {figures} 项，全工委 {root.code}，{year} 年")

    naive = common.Item(f"全工委全部指标，逐项从原始数据计算（{figures} 项）", None)
    common.measure(naive, runs, lambda: registry.compute_uncached(root, year), warmup=True, memory=memory)
    target = 0.1 * naive.median if naive.median else None
    cached = common.Item("全工委全部指标，读缓存（registry.compute，≤ 计算的 10%）", target)
    common.measure(cached, runs, lambda: registry.compute(root, year), warmup=True, memory=memory)

    staff = Client()
    staff.force_login(User.objects.get(username="gongwei"))
    url = f"/api/v1/stats?org={root.code}&year={year}"
    api = common.Item(f"统计接口 GET {url}（工委，已缓存）", 0.050)
    common.measure(api, runs, common.get_page(staff, url), warmup=True, memory=memory)

    def write_then_read() -> None:
        root.save(update_fields=["name"])  # a write to the organizations: every figure is stale
        registry.compute(root, year)

    after_write = common.Item("写入一条党组织记录后的第一次读取（重新计算）", None)
    common.measure(after_write, runs, write_then_read, memory=memory)

    computed_q = queries_of(lambda: registry.compute_uncached(root, year))
    cached_q = queries_of(lambda: registry.compute(root, year))
    ratio = (cached.median / naive.median) if cached.median and naive.median else None
    print(f"查询数：逐项计算 {computed_q} 条，读缓存 {cached_q} 条")
    if ratio is not None:
        verdict = "达标" if ratio <= 0.10 else "未达标"
        print(f"读缓存 / 逐项计算 = {ratio:.1%}（目标 ≤ 10%）：{verdict}")
    print()
    return [naive, cached, api, after_write]


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
