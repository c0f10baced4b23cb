"""Benchmarks of the dashboard (issue 14 §5) on the city data set.

    .venv/bin/python bench/dashboard.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite database
under var/bench/, migrated and seeded at `city` scale once. Then, as committee staff
(`gongwei`), in-process: the whole committee's stats endpoint, the dashboard's data (the
JSON API: every work line's figures, their five-year trend, the 60-odd organizations
directly below compared, those behind this month), the charts page, one chart's Excel,
the display screen's data (through its signed link, no login), and the dashboard's data
just after a write (every figure stale: the cold path). Figures come from the registry's
figures cache (`registry.compute_many`: one bundle per organization and year). Always exits 0.
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
    return common.app_bench_main("dashboard", "数据看板性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core import registry
    from dangjian.dashboard import selectors, services
    from dangjian.orgs.models import Organization

    runs, memory = max(1, args.runs), not args.no_memory
    where = common.DB.relative_to(BASE)
    print(f"数据看板性能基准：规模 city，每项 {runs} 轮取中位数，种子 {args.seed}，临时数据库 {where}")
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    common.city_database(args)

    year = timezone.localdate().year
    root = Organization.objects.get(depth=1)
    staff_user = User.objects.get(username="gongwei")
    children = selectors.children_of(root).count()
    orgs, figures = Organization.objects.count(), len(registry.metrics())
    print(f"数据：党组织 {orgs} 个，直属下级 {children} 个，指标 {figures} 项，{year} 年")
    print()
    staff = Client()
    staff.force_login(staff_user)
    link = services.screen_link_create(org=root, name="基准测试大屏", days=1, by=staff_user)
    kiosk = Client()
    q = f"org={root.code}&year={year}"
    items: list[common.Item] = []
    pages = [
        (f"统计接口 GET /api/v1/stats?{q}（全工委，全部指标）", staff, f"/api/v1/stats?{q}", 0.100),
        (f"看板数据 GET /api/v1/dashboard?{q}（全工委）", staff, f"/api/v1/dashboard?{q}", 0.100),
        ("图表看板页面 GET /charts/（全工委，含数据）", staff, f"/charts/?{q}", 0.300),
        (
            "单个图表导出 .xlsx（组织建设条线，下级对比）",
            staff,
            f"/charts/export/?{q}&line=organization&chart=compare",
            0.300,
        ),
        ("大屏数据 GET /charts/screen/<链接>/data/（无需登录）", kiosk, f"/charts/screen/{link.token}/data/", 0.100),
    ]
    for label, client, url, target in pages:
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(client, url), warmup=True, memory=memory)
        items.append(item)

    def write_then_read() -> None:
        root.save(update_fields=["name"])  # a write to the organizations: every figure is stale
        staff.get(f"/api/v1/dashboard?{q}")

    cold = common.Item("写入一条党组织记录后的第一次看板数据（全部重新计算）", None)
    common.measure(cold, max(1, min(runs, 2)), write_then_read, memory=False)
    items.append(cold)
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
