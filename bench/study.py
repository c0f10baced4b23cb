"""Benchmarks of the study module on the city data set (issue 4 §5).

    .venv/bin/python bench/study.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once (that
seeding is timed too, with the study seeder's share), then for each item the
median, fastest and slowest of RUNS timed runs, the peak Python memory of one
extra run under tracemalloc, and the target. Pages are fetched in-process as
the committee staff account `gongwei`. Always exits 0.
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
    return common.app_bench_main("study", "学习培训模块性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.orgs.models import Organization
    from dangjian.study.models import DayAttendance, MeetingAttendance, SessionAttendance

    runs, memory = max(1, args.runs), not args.no_memory
    today = timezone.localdate()
    print(
        f"学习培训模块性能基准：规模 city，每项 {runs} 轮取中位数，种子 {args.seed}"
        f"，临时数据库 {common.DB.relative_to(BASE)}"
    )
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    common.close_db()
    call_command("migrate", verbosity=0, interactive=False)

    # The seeding a first `make run` waits for, timed once (it is the data every other item reads),
    # with the study seeder's own share beside it.
    share: list[float] = []
    items: list[common.Item] = []
    seeding = common.Item("生成 city 演示数据（seed_demo，含学习培训五年数据）", 60.0)
    t = time.perf_counter()
    with common.timing_seeder("study", share):
        call_command("seed_demo", "--scale", "city", "--seed", str(args.seed), stdout=StringIO())
    seeding.times.append(time.perf_counter() - t)
    items.append(seeding)
    part = common.Item("  其中学习培训数据（study 生成器）", None)
    part.times = share
    items.append(part)

    rows = MeetingAttendance.objects.count() + SessionAttendance.objects.count() + DayAttendance.objects.count()
    root = Organization.objects.get(depth=1)
    print(f"数据：党组织 {Organization.objects.count()} 个，出勤记录 {rows:,} 条（会议、中心组学习、培训签到合计）")
    print()

    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    pages = [
        (
            f"统计接口 GET /api/v1/stats?org={root.code}&year={today.year}",
            f"/api/v1/stats?org={root.code}&year={today.year}",
            0.100,
        ),
        (f"统计接口（上一年） year={today.year - 1}", f"/api/v1/stats?org={root.code}&year={today.year - 1}", 0.100),
        ("全工委组织生活进度（本月落后的组织）GET /study/calendar/behind/", "/study/calendar/behind/", 0.100),
        (
            f"全工委组织生活日历汇总 GET /study/calendar/?org={root.code}",
            f"/study/calendar/?org={root.code}&year={today.year}",
            0.100,
        ),
        (f"组织生活日历接口 GET /api/v1/study/calendar/{root.code}", f"/api/v1/study/calendar/{root.code}", 0.100),
        (
            "按期开展率明细 GET /study/records/compliance/",
            f"/study/records/compliance/?org={root.code}&year={today.year}",
            0.100,
        ),
        ("学习培训首页 GET /study/", "/study/", 0.100),
        # issue 11 §3: 6–7 s and 3.2–3.5 s before the counts were taken for one page only.
        (f"组织生活会议列表（工委，{today.year}年）GET /study/meetings/", f"/study/meetings/?year={today.year}", 0.300),
        (
            "三会一课开展明细 GET /study/records/meetings/",
            f"/study/records/meetings/?org={root.code}&year={today.year}",
            0.300,
        ),
        ("组织生活会议接口 GET /api/v1/study/meetings", f"/api/v1/study/meetings?year={today.year}", 0.300),
        (
            "中心组参学人次明细 GET /study/records/session-attendances/",
            f"/study/records/session-attendances/?org={root.code}&year={today.year}",
            0.100,
        ),
    ]
    for label, url, target in pages:
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
