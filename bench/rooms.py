"""Benchmarks of the activity-room module (issue 12 §5) on the city data set.

    .venv/bin/python bench/rooms.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once (the
activity-room seeder's share timed beside it), then the committee-wide list of
rooms as committee staff (plain, filtered to overdue rectifications, and its
Excel export), the rectification tasks, a room's page, the records page behind
`activity_rooms.standardized`, and the figure itself for the committee and for
every organization at once (what an assessment reads). Always exits 0.
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
    return common.app_bench_main("rooms", "党员活动室模块性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.core.management import call_command
    from django.db import connection

    from dangjian.rooms import demo

    runs = max(1, args.runs)
    print(
        f"党员活动室模块性能基准：规模 city，每项 {runs} 轮取中位数，种子 {args.seed}"
        f"，临时数据库 {common.DB.relative_to(BASE)}"
    )
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    common.close_db()
    call_command("migrate", verbosity=0, interactive=False)

    share: list[float] = []
    seeder = demo.seed_rooms  # the manifest names it by dotted path, so the wrapper is what seed_demo loads

    def timed(ctx):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        seeder(ctx)
        share.append(time.perf_counter() - t)

    demo.seed_rooms = timed  # type: ignore[assignment]
    seeding = common.Item("生成 city 演示数据（seed_demo，含各模块）", 60.0)
    t = time.perf_counter()
    try:
        call_command("seed_demo", "--scale", "city", "--seed", str(args.seed), stdout=StringIO())
    finally:
        demo.seed_rooms = seeder  # type: ignore[assignment]
    seeding.times.append(time.perf_counter() - t)
    part = common.Item("  其中党员活动室数据（rooms 生成器）", 2.0)
    part.times = share
    items = [seeding, part, *measure_pages(runs, memory=not args.no_memory)]
    return common.report(items, started)


def measure_pages(runs: int, *, memory: bool) -> list[common.Item]:
    """The timed items, on whatever city-scale database Django is connected to."""
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core import registry
    from dangjian.orgs.models import Organization
    from dangjian.rooms.models import Rectification, Room

    year = timezone.localdate().year
    root = Organization.objects.filter(depth=1).order_by("path").first()
    assert root is not None
    rooms = Room.objects.count()
    tasks, orgs_total = Rectification.objects.count(), Organization.objects.count()
    print(f"数据：活动室 {rooms} 个，整改任务 {tasks} 项，党组织 {orgs_total} 个")
    print()
    staff = Client()
    staff.force_login(User.objects.get(username="gongwei"))
    room = Room.objects.filter(rectifications__isnull=False).order_by("pk").first() or Room.objects.first()
    items: list[common.Item] = []
    for label, url, target in (
        (f"活动室达标情况 GET /rooms/（工委，全工委 {rooms} 个活动室，第 1 页）", "/rooms/", 0.100),
        ("活动室达标情况，仅整改逾期 GET /rooms/?overdue=1", "/rooms/?overdue=1", 0.100),
        ("活动室达标情况导出 GET /rooms/?export=xlsx", "/rooms/?export=xlsx", 0.300),
        ("整改任务 GET /rooms/rectifications/?state=all", "/rooms/rectifications/?state=all", 0.100),
        ("活动室页 GET /rooms/<id>/（含检查记录）", f"/rooms/{room.pk if room else 0}/", 0.100),
        (
            f"指标明细 GET /rooms/records/standardized/?org={root.code}&year={year}",
            f"/rooms/records/standardized/?org={root.code}&year={year}",
            0.100,
        ),
    ):
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(staff, url), warmup=True, memory=memory)
        items.append(item)
    figure = common.Item("activity_rooms.standardized（全工委，本年）", 0.050)
    common.measure(figure, runs, lambda: registry.get("activity_rooms.standardized")(root, year), memory=memory)
    items.append(figure)
    orgs = list(Organization.objects.exclude(kind="group").order_by("path"))
    each = common.Item(f"activity_rooms.standardized 逐个组织（per_org，{len(orgs)} 个）", 0.200)
    common.measure(each, runs, lambda: registry.per_org("activity_rooms.standardized", orgs, year), memory=memory)
    items.append(each)
    return items


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
