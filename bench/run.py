"""Benchmarks on the demo data (issue 2 §10).

    .venv/bin/python bench/run.py [--scale city] [--runs 5] [--seed 1] [--no-memory]

Builds its own throwaway SQLite database under var/bench/ (DATABASE_URL is set
before Django starts), migrates it once and copies that file back before each
run that writes. For each item it prints the median, fastest and slowest of
RUNS timed runs, the peak Python memory of one extra run under tracemalloc
(traced runs are slower, so they are never timed), and the target from the
issue. Figures are informative: the script always exits 0, and an item whose
code is missing (a page not written yet) is skipped with a note.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import sys
import time
import tracemalloc
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

BASE = Path(__file__).resolve().parent.parent
# One folder per run, so two benchmarks at once do not share a database.
WORK = BASE / "var" / "bench" / f"run-{os.getpid()}"
DB = WORK / "bench.sqlite3"


@dataclass
class Item:
    label: str
    target: float | None  # seconds
    times: list[float] = field(default_factory=list)
    peak: int | None = None  # bytes
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


def setup_django(database_url: str | None = None) -> None:
    """Django on this script's throwaway SQLite database, or on DATABASE_URL (an existing one)."""
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DANGJIAN_ENV"] = "development"  # seed_demo refuses production
    os.environ["DEBUG"] = "0"  # no query log, templates cached as in production
    sys.path.insert(0, str(BASE))
    import django

    django.setup()


# ---------------------------------------------------------------- database files


def close_db() -> None:
    from django.db import connection, connections

    if connection.connection is not None and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connections.close_all()


def _remove_db() -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)


def save_db(name: str) -> Path:
    close_db()
    copy = WORK / name
    shutil.copyfile(DB, copy)
    return copy


def restore_db(copy: Path) -> None:
    close_db()
    _remove_db()
    shutil.copyfile(copy, DB)


def city_database(args: argparse.Namespace) -> list[Item]:
    """Migrate and seed the `city` demo into this script's database; the item timing the seed.

    `make bench` runs every script one after the other and sets BENCH_CITY_CACHE: the first
    script to seed leaves a copy there and the others start from it (an empty list then, since
    nothing was timed), instead of each seeding the whole city again.
    """
    from django.core.management import call_command

    cache = os.environ.get("BENCH_CITY_CACHE", "")
    copy = Path(f"{cache}.seed{args.seed}") if cache else None
    if copy is not None and copy.exists():
        restore_db(copy)
        print(f"（city 演示数据：复用本次 make bench 已生成的 {copy.name}）")
        return []
    close_db()
    call_command("migrate", verbosity=0, interactive=False)
    seeding = Item("生成 city 演示数据（seed_demo，含各模块）", 60.0)
    t = time.perf_counter()
    call_command("seed_demo", "--scale", "city", "--seed", str(args.seed), stdout=StringIO())
    seeding.times.append(time.perf_counter() - t)
    if copy is not None:
        close_db()
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DB, copy)
    return [seeding]


@contextlib.contextmanager
def timing_seeder(app: str, share: list[float]) -> Iterator[None]:
    """While inside, the demo builder's seeder for APP appends its own seconds to SHARE
    (the manifests have no timing hook: the builder's list of seeders is wrapped here)."""
    from dangjian.demo import builder

    declared = builder.seeders

    def timed(seeder: Any) -> Any:
        def run_one(ctx: Any) -> None:
            t = time.perf_counter()
            seeder(ctx)
            share.append(time.perf_counter() - t)

        return run_one

    builder.seeders = lambda: [(name, timed(s) if name == app else s) for name, s in declared()]  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        builder.seeders = declared  # type: ignore[method-assign]


def app_bench_main(
    app: str,
    description: str,
    run: Callable[[argparse.Namespace, float], int],
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None,
    database_url: Callable[[argparse.Namespace], str | None] | None = None,
) -> int:
    """The main() of a domain app's bench script (bench/<app>.py).

    Its own throwaway database under var/bench/<app>-<pid>/, the usual flags
    (--runs, --seed, --no-memory, --keep), and the clean-up afterwards.
    ADD_ARGUMENTS adds the script's own flags; DATABASE_URL(args), when it gives
    an address, runs the script on that existing database instead (never removed).
    """
    global WORK, DB
    WORK = BASE / "var" / "bench" / f"{app}-{os.getpid()}"
    DB = WORK / "bench.sqlite3"
    parser = argparse.ArgumentParser(description=f"{description}（不作为测试，总是以 0 退出）")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--keep", action="store_true", help="保留 var/bench/ 下本次的数据库")
    if add_arguments is not None:
        add_arguments(parser)
    args = parser.parse_args()
    started = time.perf_counter()
    setup_django(database_url(args) if database_url is not None else None)
    try:
        return run(args, started)
    finally:
        close_db()
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)


# ---------------------------------------------------------------- measuring


def measure(
    item: Item,
    runs: int,
    func: Callable[[], object],
    *,
    before: Callable[[], None] | None = None,
    warmup: bool = False,
    memory: bool = True,
) -> None:
    """Time FUNC RUNS times (BEFORE runs untimed first), then once more under tracemalloc."""
    try:
        if warmup:
            if before:
                before()
            func()
        for _ in range(runs):
            if before:
                before()
            started = time.perf_counter()
            func()
            item.times.append(time.perf_counter() - started)
        if memory:
            if before:
                before()
            tracemalloc.start()
            try:
                func()
                item.peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
    except Skip as e:
        item.note = str(e)
    except Exception as e:  # noqa: BLE001  (a part not written yet must not stop the others)
        item.note = f"跳过：{type(e).__name__}: {str(e).splitlines()[0][:120] if str(e) else ''}"


class Skip(Exception):
    """The item cannot be measured (yet); the message says why."""


def get_page(client, url: str) -> Callable[[], object]:
    def run() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise Skip(f"跳过：GET {url} 返回 HTTP {response.status_code}")
        return response

    return run


# ---------------------------------------------------------------- the benchmarks


def main() -> int:
    parser = argparse.ArgumentParser(description="机关党建工作平台性能基准（不作为测试，总是以 0 退出）")
    parser.add_argument("--scale", default="city", choices=["demo", "city", "province"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-memory", action="store_true", help="不测峰值内存（省去额外一轮）")
    parser.add_argument("--keep", action="store_true", help="保留 var/bench/ 下本次的数据库和名册文件")
    args = parser.parse_args()

    started = time.perf_counter()
    setup_django()
    try:
        return run(args, started)
    finally:
        close_db()
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)


def run(args: argparse.Namespace, started: float) -> int:
    runs, memory = max(1, args.runs), not args.no_memory
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core.tree import subtree_q
    from dangjian.orgs.models import Organization
    from dangjian.people.models import Member

    today = timezone.localdate()
    print(f"性能基准：规模 {args.scale}，每项 {runs} 轮取中位数，种子 {args.seed}，临时数据库 {DB.relative_to(BASE)}")
    print(f"机器：{os.cpu_count()} 核，Python {platform.python_version()}，SQLite {connection.Database.sqlite_version}")
    print()

    close_db()
    _remove_db()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = save_db("migrated.sqlite3")

    items: list[Item] = []

    def seed_full() -> None:
        call_command("seed_demo", "--scale", args.scale, "--seed", str(args.seed), stdout=StringIO())

    seeding = Item(f"生成 {args.scale} 演示数据（seed_demo）", 60.0)
    measure(seeding, runs, seed_full, before=lambda: restore_db(migrated), memory=memory)
    items.append(seeding)
    if not seeding.times:
        return report(items, started)
    restore_db(migrated)
    seed_full()
    seeded = save_db("seeded.sqlite3")
    root = Organization.objects.get(path=Organization._get_path("", 1, 1))
    people = Member.objects.filter(subtree_q([root.path], "org__path")).count()
    orgs, everyone = Organization.objects.count(), Member.objects.count()
    print(f"数据：党组织 {orgs} 个（{root.name}，编码 {root.code}），人员 {everyone} 名")
    print()

    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    for label, url, target in (
        # issue 16 §1: 50 ms (was 100 ms in issue 2 §10); bench/pages.py adds the queries per row.
        ("人员列表页 GET /members/（工委工作人员）", "/members/", 0.050),
        (f"工委组织页 GET /orgs/{root.code}/", f"/orgs/{root.code}/", 0.050),
        # Every organization with its counts, secretary, term and findings (issue 9).
        ("组织树全部展开 GET /orgs/?expand=1", "/orgs/?expand=1", 0.300),
    ):
        item = Item(label, target)
        measure(item, runs, get_page(client, url), warmup=True, memory=memory)
        items.append(item)

    compliance = Item(f"全工委组织设置检查（org_compliance --org {root.code}）", 1.0)
    measure(
        compliance,
        runs,
        lambda: call_command("org_compliance", "--org", root.code, "--format", "json", stdout=StringIO()),
        warmup=True,
        memory=memory,
    )
    items.append(compliance)

    items.append(bench_import(args, runs, memory, migrated, seeded, root.path, people))

    restore_db(seeded)
    client.force_login(User.objects.get(username="gongwei"))
    url = f"/api/v1/stats?org={root.code}&year={today.year}"
    stats = Item(f"统计接口 GET {url}", 0.050)  # issue 16 §1
    measure(stats, runs, get_page(client, url), warmup=True, memory=memory)
    items.append(stats)
    return report(items, started)


def bench_import(args, runs: int, memory: bool, migrated: Path, seeded: Path, root_path: str, people: int) -> Item:
    """Import the seeded roster into a database holding the same organizations and no people."""
    from django.core.management import call_command

    item = Item(f"导入 {people} 行人员名册（import_members_file）", 10.0)
    try:
        from dangjian.people.importing import import_members_file
    except ImportError as e:
        item.note = f"跳过：导入功能尚未就绪（{e}）"
        return item
    from dangjian.core.tree import subtree_q
    from dangjian.demo.roster import write_roster
    from dangjian.people.models import Member

    restore_db(seeded)
    roster = WORK / "roster.xlsx"
    write_roster(roster, Member.objects.filter(subtree_q([root_path], "org__path")))
    restore_db(migrated)
    call_command("seed_demo", "--scale", args.scale, "--seed", str(args.seed), "--without-people", stdout=StringIO())
    empty = save_db("without-people.sqlite3")

    def run() -> None:
        result = import_members_file(roster)
        if not result.ok:
            first = result.errors[0]
            raise Skip(f"导入失败：{len(result.errors)} 处错误，如 {first}")
        if result.created != people:
            raise Skip(f"导入只新增了 {result.created} 行（应为 {people} 行）")

    measure(item, runs, run, before=lambda: restore_db(empty), memory=memory)
    return item


# ---------------------------------------------------------------- the table


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _mb(value: int | None) -> str:
    return "—" if value is None else f"{value / 2**20:.1f} MB"


def report(items: list[Item], started: float) -> int:
    import resource

    headers = ["项目", "中位数", "最快", "最慢", "峰值内存", "目标", "结果"]
    rows = []
    for item in items:
        median = item.median
        verdict = "—" if median is None or item.target is None else ("达标" if median <= item.target else "未达标")
        rows.append(
            [
                item.label,
                _seconds(median),
                _seconds(min(item.times) if item.times else None),
                _seconds(max(item.times) if item.times else None),
                _mb(item.peak),
                "≤ " + _seconds(item.target) if item.target else "—",
                verdict,
            ]
        )
    widths = [max(_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    print("  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)))
    notes = [f"  {item.label}：{item.note}" for item in items if item.note]
    if notes:
        print()
        print("说明：")
        print("\n".join(notes))
    print()
    print(
        "峰值内存为额外一轮在 tracemalloc 下的 Python 分配峰值；"
        f"进程最大常驻内存 {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB。"
        f"页面时间为进程内 django.test.Client 的服务端耗时。总用时 {time.perf_counter() - started:.0f} 秒。"
    )
    return 0


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
