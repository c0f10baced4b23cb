"""Benchmarks of the liaison app (issue 12 §4, §6) on the city data set.

    .venv/bin/python bench/liaison.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once; the
liaison seeder is then run again on its own (after its rows are cleared) to
show its share. Then, for each item, the median, fastest and slowest of RUNS
timed runs, the peak Python memory of one extra run under tracemalloc, and the
target. The headline is the page of organizations nobody has visited this year,
for the whole committee (about 420 organizations), as committee staff. Pages
are fetched in-process as `gongwei`. Always exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as common  # noqa: E402  (bench/run.py: Item, measure, get_page, report)


def main() -> int:
    return common.app_bench_main("liaison", "联系点与流动讲堂性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core import registry
    from dangjian.core.seeding import SeedContext
    from dangjian.liaison import demo, models
    from dangjian.liaison.selectors import unvisited_orgs
    from dangjian.orgs.models import Organization

    runs, memory = max(1, args.runs), not args.no_memory
    today = timezone.localdate()
    print(f"联系点与流动讲堂性能基准：规模 city，每项 {runs} 轮取中位数，临时数据库 {common.DB.relative_to(BASE)}")
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    items: list[common.Item] = common.city_database(args)

    root = Organization.objects.get(depth=1)
    own = common.Item("  其中联系点与流动讲堂数据（重新生成一次）", None)
    with transaction.atomic():
        for model in (
            models.LectureRequest, models.LectureAttendance, models.MobileLecture, models.FollowUp, models.Visit,
            models.LiaisonPoint,
        ):  # fmt: skip
            model.objects.all().delete()
        ctx = SeedContext(scale="city", seed=args.seed, today=today, root=root, committee_index=0, people=True)
        t = time.perf_counter()
        demo.seed_liaison(ctx)
        own.times.append(time.perf_counter() - t)
    own.note = "，".join(f"{k} {v}" for k, v in ctx.counts.items())
    items.append(own)
    found = unvisited_orgs(root, today.year)
    print(
        f"数据：党组织 {Organization.objects.count()} 个，其中可走访 {found.total} 个、本年未走访 {found.unvisited} 个"
    )
    print()

    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    q = f"org={root.code}&year={today.year}"
    pages = [
        ("本年度未走访的组织 GET /liaison/unvisited/（全工委）", f"/liaison/unvisited/?{q}", 0.100),
        ("未走访组织导出 .xlsx（全工委）", f"/liaison/unvisited/?{q}&export=xlsx", 0.300),
        ("未走访组织接口 GET /api/v1/liaison/unvisited", f"/api/v1/liaison/unvisited?{q}", 0.100),
        ("联系点 GET /liaison/points/", f"/liaison/points/?{q}", 0.100),
        ("流动讲堂 GET /liaison/lectures/", f"/liaison/lectures/?{q}", 0.100),
        ("听讲人次明细 GET /liaison/attendances/", f"/liaison/attendances/?{q}", 0.100),
        (f"统计接口 GET /api/v1/stats?{q}（全部指标）", f"/api/v1/stats?{q}", 0.100),
    ]
    for label, url, target in pages:
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(client, url), warmup=True, memory=memory)
        items.append(item)
    keys = [m for m in registry.metrics() if m.key.startswith(("liaison.", "lectures."))]
    figures = common.Item("本应用四项指标（registry，全工委，本年）", 0.050)
    common.measure(figures, runs, lambda: [m.func(root, today.year) for m in keys], memory=memory)
    items.append(figures)
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
