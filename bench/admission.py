"""Benchmarks of the admission app (issue 17 §4) on the city data set.

    .venv/bin/python bench/admission.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once; the
admission seeder is then run again on its own (after its rows are cleared) to
show its share. The headline is a branch's pipeline page (the branch with the
most cases), target 100 ms; then the committee's overview of every branch, the
pipeline export, the API and the five figures. Pages are fetched in-process as
`gongwei`. Always exits 0.
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
    return common.app_bench_main("admission", "发展党员性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.admission import demo, models
    from dangjian.core import registry
    from dangjian.core.seeding import SeedContext
    from dangjian.orgs.models import Organization

    runs, memory = max(1, args.runs), not args.no_memory
    today = timezone.localdate()
    print(f"发展党员性能基准：规模 city，每项 {runs} 轮取中位数，临时数据库 {common.DB.relative_to(BASE)}")
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    items: list[common.Item] = common.city_database(args)

    root = Organization.objects.get(depth=1)
    own = common.Item("  其中发展党员数据（重新生成一次）", 3.0)
    with transaction.atomic():
        models.Step.objects.all().delete()
        models.Case.objects.all().delete()
        ctx = SeedContext(scale="city", seed=args.seed, today=today, root=root, committee_index=0, people=True)
        t = time.perf_counter()
        demo.seed_admission(ctx)
        own.times.append(time.perf_counter() - t)
    own.note = "，".join(f"{k} {v}" for k, v in ctx.counts.items())
    items.append(own)
    busiest = (
        models.Case.objects.filter(stage__in=models.OPEN_STAGES)
        .values("org__code")
        .annotate(n=Count("id"))
        .order_by("-n", "org__code")
        .first()
    )
    code = busiest["org__code"] if busiest else root.code
    print(f"数据：发展党员档案 {models.Case.objects.count()} 份，步骤 {models.Step.objects.count()} 条；")
    print(f"      最多的党支部 {code}：进行中 {busiest['n'] if busiest else 0} 人")
    print()

    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    q = f"org={root.code}&year={today.year}"
    pages = [
        (f"党支部发展党员工作台 GET /admission/branches/{code}/", f"/admission/branches/{code}/", 0.100),
        ("全工委各支部情况 GET /admission/（含分季度）", f"/admission/?{q}", 0.300),
        ("发展党员台账导出 .xlsx（全工委）", f"/admission/export/?{q}", 0.500),
        ("接口 GET /api/v1/admission/pipeline（一个支部）", f"/api/v1/admission/pipeline?org={code}", 0.100),
        ("入党申请人明细 GET /admission/applicants/", f"/admission/applicants/?{q}", 0.100),
    ]
    for label, url, target in pages:
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(client, url), warmup=True, memory=memory)
        items.append(item)
    keys = [m for m in registry.metrics() if m.key.startswith("admission.")]
    figures = common.Item("本应用五项指标（registry，全工委，本年）", 0.050)
    common.measure(figures, runs, lambda: [m.func(root, today.year) for m in keys], memory=memory)
    items.append(figures)
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
