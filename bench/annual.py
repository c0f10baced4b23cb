"""Benchmarks of the annual report (issue 14 §5) on the city data set.

    .venv/bin/python bench/annual.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite database under
var/bench/, migrated and seeded at `city` scale once (which drafts the committee's report of
last year). Then, for each item, the median, fastest and slowest of RUNS timed runs, the peak
Python memory of one extra run under tracemalloc, and the target. The headline is the report
draft of the whole committee (about 420 organizations) with every figure computed afresh
(the statistics cache invalidated before each run): ≤ 1 s; Word and PDF ≤ 3 s each. Always
exits 0.
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
    return common.app_bench_main("annual", "年度报告性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.db import connection
    from django.test import Client

    from dangjian.accounts.models import User
    from dangjian.annual import selectors, services
    from dangjian.annual.models import AnnualReport, JobKind
    from dangjian.core import registry
    from dangjian.orgs.models import Organization

    runs, memory = max(1, args.runs), not args.no_memory
    print(f"年度报告性能基准：规模 city，每项 {runs} 轮取中位数，临时数据库 {common.DB.relative_to(BASE)}")
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    items: list[common.Item] = common.city_database(args)

    root = Organization.objects.get(depth=1)
    report = AnnualReport.objects.get(org=root)
    keys = services.figure_keys(report)
    print(f"数据：党组织 {Organization.objects.count()} 个；报告 {report.title}，引用已登记指标 {len(keys)} 项")
    print()

    def cold() -> None:
        registry.figures_changed()

    draft = common.Item("报告起草（全工委，全部数字重新计算）", 1.0)
    common.measure(draft, runs, lambda: selectors.document(report), before=cold, memory=memory)
    items.append(draft)
    warm = common.Item("报告起草（统计已缓存）", 0.100)
    common.measure(warm, runs, lambda: selectors.document(report), warmup=True, memory=memory)
    items.append(warm)
    for kind, label in ((JobKind.DOCX, "Word（公文格式，含附表）"), (JobKind.PDF, "PDF（WeasyPrint，含附表）")):
        item = common.Item(label, 3.0)
        common.measure(item, runs, lambda kind=kind: services.draw(report, kind), warmup=True, memory=memory)
        items.append(item)

    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    page = common.Item(f"报告页面 GET /annual/{report.pk}/（草稿，实时数字）", 1.0)
    common.measure(page, runs, common.get_page(client, f"/annual/{report.pk}/"), warmup=True, memory=memory)
    items.append(page)

    def reopen() -> None:
        report.refresh_from_db()
        if not report.is_draft:
            services.report_reopen(report=report)

    freeze = common.Item("冻结数据（数字及背后记录清单，后台任务所做）", None)
    common.measure(freeze, runs, lambda: services.report_freeze(report=report), before=reopen, memory=memory)
    report.refresh_from_db()
    freeze.note = f"记录 {sum(len(v) for f in report.figures.all() for v in f.records.values())} 条"
    items.append(freeze)
    frozen_page = common.Item("报告页面（已冻结，含与实时数字的比对）", 1.0)
    common.measure(frozen_page, runs, common.get_page(client, f"/annual/{report.pk}/"), warmup=True, memory=memory)
    items.append(frozen_page)
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
