"""Benchmarks of the evaluation app (述职评议, issue 12 §2) on the city data set.

    .venv/bin/python bench/evaluation.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once; the
evaluation seeder is then run again on its own (after its rows are cleared) to
show its share. The headline is the tally of the closed round: about 420
secretaries rated by 50 evaluators (21,000 marks), target 200 ms. Then the pages
committee staff read (the round with its tally, the talk list, the results) and
the figures. Pages are fetched in-process as `gongwei`. Always exits 0.
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
    return common.app_bench_main("evaluation", "述职评议性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core import registry
    from dangjian.core.seeding import SeedContext
    from dangjian.evaluation import demo, models, selectors
    from dangjian.orgs.models import Organization

    runs, memory = max(1, args.runs), not args.no_memory
    today = timezone.localdate()
    print(f"述职评议性能基准：规模 city，每项 {runs} 轮取中位数，临时数据库 {common.DB.relative_to(BASE)}")
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    items: list[common.Item] = common.city_database(args)

    root = Organization.objects.get(depth=1)
    own = common.Item("  其中述职评议数据（重新生成一次）", 3.0)
    with transaction.atomic():
        models.Round.objects.all().delete()
        ctx = SeedContext(scale="city", seed=args.seed, today=today, root=root, committee_index=0, people=True)
        t = time.perf_counter()
        demo.seed_evaluation(ctx)
        own.times.append(time.perf_counter() - t)
    own.note = "，".join(f"{k} {v}" for k, v in ctx.counts.items())
    items.append(own)
    closed = models.Round.objects.get(scope=root, year=today.year)
    subjects = closed.subjects.count()
    print(f"数据：述职书记 {subjects} 名，评议票 {closed.ballots.count()} 张，评议等次 {ctx.counts['评议等次']} 条")
    print()

    tally = common.Item(f"计票（{subjects} 名书记 × {closed.ballots.count()} 张评议票）", 0.200)
    common.measure(tally, runs, lambda: selectors.tally(closed), memory=memory)
    items.append(tally)

    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    q = f"org={root.code}&year={today.year}"
    pages = [
        ("评议结果 GET /evaluation/<id>/（全工委）", f"/evaluation/{closed.pk}/", 0.200),
        ("计票接口 GET /api/v1/evaluation/rounds/<id>", f"/api/v1/evaluation/rounds/{closed.pk}", 0.200),
        ("评议结果明细 GET /evaluation/records/scores/", f"/evaluation/records/scores/?{q}", 0.100),
        ("约谈名单 GET /evaluation/talks/", f"/evaluation/talks/?{q}", 0.100),
        ("评议结果导出 .xlsx（全工委）", f"/evaluation/records/scores/?{q}&export=xlsx", 0.500),
    ]
    for label, url, target in pages:
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(client, url), warmup=True, memory=memory)
        items.append(item)
    orgs = list(Organization.objects.filter(pk__in=closed.subjects.values("org_id")))
    per_org = common.Item(f"evaluation.score 逐组织（per_org，{len(orgs)} 个组织）", 0.100)
    common.measure(per_org, runs, lambda: registry.get("evaluation.score").per_org(orgs, today.year), memory=memory)  # type: ignore[misc]
    items.append(per_org)
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
