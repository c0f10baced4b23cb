"""Benchmarks of the Excel imports (issue 16 §1, issue 10 §3) on the city data set.

    .venv/bin/python bench/imports.py [--runs 3] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, seeded at `city` scale; the first committee's
12,000 people are exported to an .xlsx in the import format
(`dangjian.demo.roster`), then

- imported into a database seeded `--without-people` (every row a new person:
  target ≤ 5 s, issue 16 §1);
- imported again into the seeded database (every row already there: the
  re-import that changes nothing);
- checked only (dry run, what the preview page does);
- a zip bomb (a 1 MB .xlsx declaring hundreds of MB of XML) refused by the
  archive check (target well under a second, little memory).

Always exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from io import StringIO
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as common  # noqa: E402  (bench/run.py: Item, measure, report)


def main() -> int:
    return common.app_bench_main("imports", "Excel 导入性能基准", run)


def write_bomb(path: Path, megabytes: int = 330) -> None:
    """A real workbook whose one sheet inflates to MEGABYTES of XML (under 1 MB on disk)."""
    from dangjian.core.tests.zipbomb import bomb_bytes

    path.write_bytes(bomb_bytes(megabytes))


def run(args: argparse.Namespace, started: float) -> int:
    from django.core.management import call_command
    from django.db import connection

    from dangjian.core.tree import subtree_q
    from dangjian.demo.roster import write_roster
    from dangjian.orgs.models import Organization
    from dangjian.people.importing import import_members_file
    from dangjian.people.models import Member

    runs = max(1, args.runs)
    memory = not args.no_memory
    print(
        f"Excel 导入性能基准：规模 city，每项 {runs} 轮取中位数，种子 {args.seed}"
        f"，临时数据库 {common.DB.relative_to(BASE)}"
    )
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    common.close_db()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = common.save_db("migrated.sqlite3")
    call_command("seed_demo", "--scale", "city", "--seed", str(args.seed), stdout=StringIO())
    root = Organization.objects.get(path=Organization._get_path("", 1, 1))
    roster = common.WORK / "roster.xlsx"
    people = write_roster(roster, Member.objects.filter(subtree_q([root.path], "org__path")))
    seeded = common.save_db("seeded.sqlite3")
    common.restore_db(migrated)
    call_command("seed_demo", "--scale", "city", "--seed", str(args.seed), "--without-people", stdout=StringIO())
    empty = common.save_db("without-people.sqlite3")
    print(f"名册：{people} 行，{roster.stat().st_size / 2**20:.1f} MB")
    print()

    def importer(expect_created: int, **kwargs: object):  # type: ignore[no-untyped-def]
        def go() -> None:
            result = import_members_file(roster, **kwargs)  # type: ignore[arg-type]
            if not result.ok:
                raise common.Skip(f"导入失败：{len(result.errors)} 处错误，如 {result.errors[0]}")
            if result.created != expect_created:
                raise common.Skip(f"导入新增了 {result.created} 行（应为 {expect_created} 行）")

        return go

    items: list[common.Item] = []
    fresh = common.Item(f"导入 {people} 行人员名册，全部新增（import_members_file）", 5.0)
    common.measure(fresh, runs, importer(people), before=lambda: common.restore_db(empty), memory=memory)
    items.append(fresh)

    common.restore_db(empty)
    check = common.Item(f"只校验 {people} 行（预览，dry_run）", 5.0)
    common.measure(check, runs, importer(people, dry_run=True), memory=memory)
    items.append(check)

    common.restore_db(seeded)
    again = common.Item(f"重复导入 {people} 行（全部已登记，无变化）", 5.0)
    common.measure(again, runs, importer(0), before=lambda: common.restore_db(seeded), memory=memory)
    items.append(again)

    bomb = common.WORK / "bomb.xlsx"
    write_bomb(bomb)
    refused = common.Item(f"拒绝压缩炸弹（{bomb.stat().st_size / 2**20:.1f} MB 文件，解压后 330 MB）", 0.5)

    def refuse() -> None:
        result = import_members_file(bomb)
        if result.ok or result.errors[0].row is not None:
            raise common.Skip("压缩炸弹未被拒绝")

    common.measure(refused, runs, refuse, memory=memory)
    items.append(refused)
    return common.report(items, started)


if __name__ == "__main__":
    sys.exit(main())
