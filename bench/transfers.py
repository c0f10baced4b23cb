"""Benchmarks of the transfers app (issue 17 §3, §4) on the city data set.

    .venv/bin/python bench/transfers.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite database under
var/bench/, migrated and seeded at `city` scale once; the transfers seeder is then run again
on its own (after its rows are cleared and the members it took off the roster put back) to
show its share. Then, for each item, the median, fastest and slowest of RUNS timed runs, the
peak Python memory of one extra run under tracemalloc, and the target. Pages are fetched
in-process as `gongwei` (committee staff, the whole committee). Always exits 0.
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
    return common.app_bench_main("transfers", "组织关系转接性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core import registry
    from dangjian.core.seeding import SeedContext
    from dangjian.orgs.models import Organization
    from dangjian.people.models import Member, Transfer
    from dangjian.transfers import demo, models

    runs, memory = max(1, args.runs), not args.no_memory
    today = timezone.localdate()
    print(f"组织关系转接性能基准：规模 city，每项 {runs} 轮取中位数，临时数据库 {common.DB.relative_to(BASE)}")
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    items: list[common.Item] = common.city_database(args)

    root = Organization.objects.get(depth=1)
    own = common.Item("  其中组织关系转接数据（重新生成一次）", 3.0)
    with transaction.atomic():
        newcomers = list(models.InLetter.objects.exclude(member=None).values_list("member_id", flat=True))
        leavers = list(models.OutLetter.objects.values_list("member_id", flat=True))
        models.OutLetter.objects.all().delete()
        models.InLetter.objects.all().delete()
        models.FlowMember.objects.all().delete()
        Transfer.objects.filter(member_id__in=newcomers + leavers, to_org=None).delete()
        Transfer.objects.filter(member_id__in=newcomers).delete()
        Member.everyone.filter(pk__in=newcomers).delete()
        Member.everyone.filter(pk__in=leavers).update(left_on=None, left_reason="")
        ctx = SeedContext(scale="city", seed=args.seed, today=today, root=root, committee_index=0, people=True)
        t = time.perf_counter()
        demo.seed_transfers(ctx)
        own.times.append(time.perf_counter() - t)
    own.note = "，".join(f"{k} {v}" for k, v in ctx.counts.items())
    items.append(own)

    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    q = f"org={root.code}&year={today.year}"
    letter = models.OutLetter.objects.order_by("pk").first()
    pages = [
        ("转出介绍信 GET /transfers/out/（全工委）", f"/transfers/out/?{q}", 0.100),
        ("回执逾期 GET /transfers/out/overdue/", f"/transfers/out/overdue/?org={root.code}", 0.100),
        ("转入介绍信 GET /transfers/in/", f"/transfers/in/?{q}", 0.100),
        ("流动党员 GET /transfers/flow/（按支部）", f"/transfers/flow/?{q}", 0.100),
        ("开具介绍信：按姓名查找党员", "/transfers/out/new/?q=wang", 0.100),
        ("转出介绍信导出 .xlsx", f"/transfers/out/?{q}&export=xlsx", 0.300),
        ("接口 GET /api/v1/transfers/out", f"/api/v1/transfers/out?{q}", 0.100),
    ]
    if letter is not None:
        pages.append(("介绍信打印页（存根、回执）", f"/transfers/out/{letter.pk}/print/", 0.100))
    for label, url, target in pages:
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(client, url), warmup=True, memory=memory)
        items.append(item)
    keys = [m for m in registry.metrics() if m.key.startswith("transfers.")]
    figures = common.Item("本应用三项指标（registry，全工委，本年）", 0.050)
    common.measure(figures, runs, lambda: [m.func(root, today.year) for m in keys], memory=memory)
    items.append(figures)
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
