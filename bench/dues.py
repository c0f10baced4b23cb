"""Benchmarks of the dues app (issue 17 §4) on the city data set.

    .venv/bin/python bench/dues.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once; the dues
seeder is then run again on its own (after its rows are cleared) to show its
share. The headline is the committee's dues ledger for the year (about 10,000
bases and 110,000 payments, aggregated in the database), target 100 ms, as
committee staff. Pages are fetched in-process as `gongwei`. Always exits 0.
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
    return common.app_bench_main("dues", "党费管理性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from auditlog.context import disable_auditlog
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core import registry
    from dangjian.core.seeding import SeedContext
    from dangjian.dues import demo, models, selectors
    from dangjian.orgs.models import Organization

    runs, memory = max(1, args.runs), not args.no_memory
    today = timezone.localdate()
    print(f"党费管理性能基准：规模 city，每项 {runs} 轮取中位数，临时数据库 {common.DB.relative_to(BASE)}")
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    items: list[common.Item] = common.city_database(args)

    root = Organization.objects.get(depth=1)
    own = common.Item("  其中党费数据（重新生成一次）", 3.0)
    with transaction.atomic(), disable_auditlog(), connection.cursor() as cursor:
        for model in (models.Payment, models.ExtraPayment, models.Remittance, models.DuesBase):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        ctx = SeedContext(scale="city", seed=args.seed, today=today, root=root, committee_index=0, people=True)
        t = time.perf_counter()
        demo.seed_dues(ctx)
        own.times.append(time.perf_counter() - t)
    own.note = "，".join(f"{k} {v}" for k, v in ctx.counts.items())
    items.append(own)
    print(f"数据：{own.note}")
    print()

    year = today.year
    ledger = common.Item("工委党费收缴台账（selectors.ledger，全工委，本年）", 0.100)
    common.measure(ledger, runs, lambda: selectors.ledger(root, year), memory=memory)
    items.append(ledger)
    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    q = f"org={root.code}&year={year}"
    branch = models.DuesBase.objects.filter(year=year).values_list("org__code", flat=True).first()
    pages = [
        ("党费收缴台账 GET /dues/（全工委）", f"/dues/?{q}", 0.100),
        ("台账接口 GET /api/v1/dues/ledger（全工委）", f"/api/v1/dues/ledger?{q}", 0.100),
        ("支部收缴明细 GET /dues/sheet/", f"/dues/sheet/?org={branch}&year={year}", 0.100),
        ("实缴党费明细 GET /dues/records/collected/（全工委）", f"/dues/records/collected/?{q}", 0.100),
    ]
    for label, url, target in pages:
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(client, url), warmup=True, memory=memory)
        items.append(item)
    keys = [m for m in registry.metrics() if m.key.startswith("dues.")]
    figures = common.Item("本应用两项指标（registry，全工委，本年）", 0.050)
    common.measure(figures, runs, lambda: [m.func(root, year) for m in keys], memory=memory)
    items.append(figures)
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
