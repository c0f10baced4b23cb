"""Benchmarks of the brand module (issue 13 §5) on the city data set.

    .venv/bin/python bench/brands.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once (the brand
seeder's share timed beside it). Then a batch of 500 submissions with 7
reviewers each is added, and timed: its ranking (target ≤ 200 ms), the batch
page as committee staff, the public logo wall as an anonymous visitor (≤ 100 ms),
the list of brands, and the four figures for the committee. Always exits 0.
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
    return common.app_bench_main("brands", "党建品牌模块性能基准", run)


def _big_batch(root, reviewers):  # type: ignore[no-untyped-def]
    """500 submitted brands with 7 scores each, in a batch of their own (bulk rows, as the seeder writes)."""
    from decimal import Decimal
    from random import Random

    from django.utils import timezone

    from dangjian.brands.conf import DEFAULT_RUBRIC
    from dangjian.brands.models import Batch, Brand, Reviewer, Score, Stage
    from dangjian.core import tree
    from dangjian.orgs.models import Organization

    rng = Random(13)
    stage = Stage.objects.filter(plan__committee=root).order_by("starts_on").last()
    batch = Batch.objects.create(
        stage=stage,
        name="基准批次",
        year=timezone.localdate().year,
        status="reviewing",
        submit_by=timezone.localdate(),
        rubric=[[k, t, m] for k, t, m in DEFAULT_RUBRIC],
    )
    orgs = list(Organization.objects.filter(tree.subtree_q([root.path])).exclude(depth=1).order_by("path")[:500])
    now = timezone.now()
    brands = Brand.objects.bulk_create(
        [
            Brand(
                org=orgs[i % len(orgs)],
                batch=batch,
                status="submitted",
                name=f"基准品牌{i}",
                meaning="内涵",
                vehicle="载体",
                impact="成效",
                first_submitted_at=now,
                submitted_at=now,
                version_count=1,
            )
            for i in range(500)
        ]
    )
    panel = Reviewer.objects.bulk_create([Reviewer(batch=batch, user=u) for u in reviewers[:7]])
    Score.objects.bulk_create(
        [
            Score(brand=b, reviewer=r, parts={}, total=Decimal(rng.randint(550, 990)) / 10)
            for b in brands
            for r in panel
        ],
        batch_size=2000,
    )
    return batch


def run(args: argparse.Namespace, started: float) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.brands import selectors
    from dangjian.brands.models import Brand
    from dangjian.core import registry
    from dangjian.orgs.models import Organization

    runs, memory = max(1, args.runs), not args.no_memory
    where = common.DB.relative_to(BASE)
    print(f"党建品牌模块性能基准：规模 city，每项 {runs} 轮取中位数，种子 {args.seed}，临时数据库 {where}")
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    common.close_db()
    call_command("migrate", verbosity=0, interactive=False)
    share: list[float] = []
    seeding = common.Item("生成 city 演示数据（seed_demo，含各模块）", 60.0)
    t = time.perf_counter()
    with common.timing_seeder("brands", share):
        call_command("seed_demo", "--scale", "city", "--seed", str(args.seed), stdout=StringIO())
    seeding.times.append(time.perf_counter() - t)
    part = common.Item("  其中党建品牌数据（brands 生成器）", 5.0)
    part.times = share
    items = [seeding, part]

    root = Organization.objects.get(depth=1)
    year = timezone.localdate().year
    reviewers = list(User.objects.filter(brand_reviews__isnull=False).distinct().order_by("pk"))
    batch = _big_batch(root, reviewers)
    print(f"数据：品牌 {Brand.objects.count()} 个（其中基准批次 500 个，每个 7 位评审专家打分）")
    print()
    ranking = common.Item("评审排名 batch_ranking（500 个申报 × 7 位评审专家）", 0.200)
    common.measure(ranking, runs, lambda: selectors.batch_ranking(batch), memory=memory)
    items.append(ranking)
    anonymous, staff = Client(), Client()
    staff.force_login(User.objects.get(username="gongwei"))
    for label, client, url, target in (
        ("品牌展示墙 GET /brands/wall/（公开，匿名访问）", anonymous, "/brands/wall/", 0.100),
        ("批次评审页 GET /brands/batches/<基准批次>/（工委）", staff, f"/brands/batches/{batch.pk}/", 0.300),
        ("品牌列表 GET /brands/（工委，第 1 页）", staff, "/brands/", 0.100),
        ("品牌列表导出 GET /brands/?export=xlsx", staff, "/brands/?export=xlsx", 0.300),
    ):
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(client, url), warmup=True, memory=memory)
        items.append(item)
    figures = common.Item("brands.* 四项指标（全工委，本年）", 0.050)
    keys = ("brands.submitted", "brands.recognized", "brands.downgraded", "brands.revoked")
    common.measure(figures, runs, lambda: [registry.get(k)(root, year) for k in keys], memory=memory)
    items.append(figures)
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
