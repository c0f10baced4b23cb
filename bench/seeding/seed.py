"""Time seed_demo into the database of DATABASE_URL, seeder by seeder (issue 16 §2).

    DATABASE_URL=postgres://… .venv/bin/python bench/seeding/seed.py [--scale city] [--seed 1] [--profile FILE]
    bash bench/seeding/postgres.sh --scale province      # the same on a throwaway PostgreSQL

The database must be migrated and hold no organizations (seed_demo refuses
otherwise). Prints the seconds of the kernel's part (units, organizations,
people, posts, terms, accounts) and of each app's seeder, summed over the
committees, then the biggest tables. --profile writes a cProfile file of the
whole seed (read it with `python -m pstats FILE`). Informative only: exits 0
unless the seed itself fails.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import signal
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

BASE = Path(__file__).resolve().parent.parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description="按 seeder 计时 seed_demo（不作为测试）")
    parser.add_argument("--scale", default="city")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", help="把 cProfile 结果写入该文件")
    parser.add_argument("--tables", type=int, default=25, help="列出最大的若干张表")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        # Never the default database (var/dangjian.sqlite3): it may hold someone's work.
        parser.error("请设置 DATABASE_URL（一个已迁移的空数据库），或使用 bash bench/seeding/postgres.sh")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DANGJIAN_ENV"] = "development"
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from django.db import connection

    from dangjian.demo import builder

    seconds: dict[str, float] = defaultdict(float)
    declared = builder.seeders

    def timed(name: str, seeder: Any) -> Any:
        def run_one(ctx: Any) -> None:
            t = time.perf_counter()
            seeder(ctx)
            seconds[name] += time.perf_counter() - t

        return run_one

    builder.seeders = lambda: [(name, timed(name, s)) for name, s in declared()]  # type: ignore[assignment,misc]
    write, accounts = builder._write, builder._accounts

    def timed_write(*a: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return write(*a, **kw)
        finally:
            seconds["(kernel) orgs, people, posts"] += time.perf_counter() - t

    def timed_accounts(*a: Any, **kw: Any) -> Any:
        t = time.perf_counter()
        try:
            return accounts(*a, **kw)
        finally:
            seconds["(kernel) demo accounts"] += time.perf_counter() - t

    builder._write = timed_write  # type: ignore[assignment]
    builder._accounts = timed_accounts  # type: ignore[assignment]

    print(f"{connection.vendor}: seed_demo --scale {args.scale} --seed {args.seed}", flush=True)
    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    # Stopped by `timeout` (SIGTERM): still print how far it got and where the time went.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    progress = lambda line: print(f"{time.perf_counter() - started:8.1f} s {line}", flush=True)  # noqa: E731
    try:
        result = builder.seed(scale=args.scale, seed=args.seed, progress=progress)
    except KeyboardInterrupt:
        print(f"\n中断：{time.perf_counter() - started:.1f} 秒时停止（已提交的工委见上）")
        result = None
    except Exception:
        for name, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
            print(f"  {s:8.1f} s  {name}")
        raise
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    total = time.perf_counter() - started

    if result is not None:
        print(f"\n共 {total:.1f} 秒（其中 seed() 报告 {result.seconds:.1f} 秒）；{result.people} 人")
    for name, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {s:8.1f} s  {name}")
    if result is None:
        return 0
    rest = total - sum(seconds.values())
    print(f"  {rest:8.1f} s  (other: transactions, statistics refresh, audit)")
    print("\n最大的表：")
    for table, rows in biggest_tables(connection, args.tables):
        print(f"  {rows:>10,}  {table}")
    return 0


def biggest_tables(connection: Any, limit: int) -> list[tuple[str, int]]:
    counts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts.append((table, cursor.fetchone()[0]))
    return sorted(counts, key=lambda tc: -tc[1])[:limit]


if __name__ == "__main__":
    sys.exit(main())
