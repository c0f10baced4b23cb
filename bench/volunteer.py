"""Benchmarks of the volunteer module (issue 5 §4) on the city data set.

    .venv/bin/python bench/volunteer.py [--scale city] [--runs 5] [--burst 300] [--places 30] [--no-memory]

In the style of bench/run.py: its own throwaway SQLite database under
var/bench/volunteer-<pid>/ (DATABASE_URL is set before Django starts, DEBUG=0),
seeded once with seed_demo; for each item the median, fastest and slowest of
RUNS timed runs, the peak Python memory of one extra run under tracemalloc, and
the target beside it. The sign-up burst fires BURST sign-ups at once (one
thread and one database connection each, released by a barrier) at a new
activity with PLACES places each run, checks that exactly PLACES got a place
and the rest queued in order, and reports the throughput. Figures are for
reading: the script always exits 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import threading
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
WORK = BASE / "var" / "bench" / f"volunteer-{os.getpid()}"
DB = WORK / "bench.sqlite3"


@dataclass
class Item:
    label: str
    target: float | None  # seconds
    times: list[float] = field(default_factory=list)
    peak: int | None = None
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


def setup_django() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DANGJIAN_ENV"] = "development"
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(BASE))
    import django

    django.setup()


def measure(item: Item, runs: int, func: Callable[[], object], *, memory: bool = True, warmup: bool = True) -> None:
    try:
        if warmup:
            func()
        for _ in range(runs):
            started = time.perf_counter()
            func()
            item.times.append(time.perf_counter() - started)
        if memory:
            tracemalloc.start()
            try:
                func()
                item.peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
    except Exception as e:  # noqa: BLE001  (one failing item must not stop the others)
        item.note = f"跳过：{type(e).__name__}: {str(e).splitlines()[0][:160] if str(e) else ''}"


def get(client, url: str) -> Callable[[], object]:
    def run() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} 返回 HTTP {response.status_code}")
        return response

    return run


# ---------------------------------------------------------------- the burst


class Burst:
    """Each call: a new activity, BURST members signing up at once, the outcome checked."""

    def __init__(self, size: int, places: int) -> None:
        from dangjian.core import scoping
        from dangjian.people.models import Member
        from dangjian.volunteer.models import Brigade

        self.size, self.places = size, places
        self.brigade = Brigade.objects.select_related("corps__org").order_by("pk").first()
        root = self.brigade.corps.org
        self.members = list(scoping.in_subtree(Member.objects.all(), root).order_by("pk").values_list("pk", flat=True))
        self.round = 0
        self.throughputs: list[float] = []
        self.busy: list[int] = []  # sign-ups turned away per round (SQLite busy timeout)

    def __call__(self) -> None:
        import datetime as dt

        from django.db import OperationalError, connection

        from dangjian.people.models import Member
        from dangjian.volunteer import services
        from dangjian.volunteer.models import Participation
        from dangjian.volunteer.tests.helpers import make_activity

        activity = make_activity(self.brigade, places=self.places, starts_in=dt.timedelta(days=7))
        offset = (self.round * self.size) % max(1, len(self.members) - self.size)
        self.round += 1
        ids = self.members[offset : offset + self.size]
        connection.close()
        barrier = threading.Barrier(len(ids) + 1)
        errors: list[BaseException] = []
        busy: list[int] = []

        def run(member_id: int) -> None:
            try:
                member = Member.objects.select_related("org").get(pk=member_id)
                barrier.wait()
                services.signup(activity_id=activity.pk, member=member)
            except OperationalError:
                # SQLite's busy timeout ran out: the page says "try again", nothing was written.
                busy.append(member_id)
            except BaseException as e:  # noqa: BLE001
                errors.append(e)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(i,)) for i in ids]
        for t in threads:
            t.start()
        barrier.wait()  # everyone has loaded their person: go
        started = time.perf_counter()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        accepted = len(ids) - len(busy)
        self.throughputs.append(accepted / elapsed)
        self.busy.append(len(busy))
        if errors:
            raise RuntimeError(f"{len(errors)} 个报名出错，如 {errors[0]!r}")
        connection.close()
        rows = list(Participation.objects.filter(activity=activity).order_by("seq").values_list("status", "seq"))
        confirmed = [s for s, _ in rows if s == "confirmed"]
        expected = ["confirmed"] * min(self.places, accepted) + ["waiting"] * max(0, accepted - self.places)
        if [s for s, _ in rows] != expected or [q for _, q in rows] != list(range(1, accepted + 1)):
            raise RuntimeError(f"超员或顺序错误：{len(confirmed)} 人获得名额（应为 {self.places}）")


class Serial:
    """Each call: one sign-up by the next person of the roster, to one activity with room for all."""

    def __init__(self) -> None:
        import datetime as dt

        from dangjian.core import scoping
        from dangjian.people.models import Member
        from dangjian.volunteer.models import Brigade
        from dangjian.volunteer.tests.helpers import make_activity

        brigade = Brigade.objects.select_related("corps__org").order_by("-pk").first()
        self.activity = make_activity(brigade, places=1000, starts_in=dt.timedelta(days=9))
        self.members = iter(
            scoping.in_subtree(Member.objects.all(), brigade.corps.org).select_related("org").order_by("-pk")
        )

    def __call__(self) -> None:
        from dangjian.volunteer import services

        services.signup(activity_id=self.activity.pk, member=next(self.members))


# ---------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description="志愿服务模块性能基准（不作为测试，总是以 0 退出）")
    parser.add_argument("--scale", default="city", choices=["demo", "city", "province"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--burst", type=int, default=300, help="同时报名的人数（默认 300）")
    parser.add_argument("--places", type=int, default=30, help="活动名额（默认 30）")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--keep", action="store_true", help="保留 var/bench/ 下本次的数据库")
    args = parser.parse_args()
    started = time.perf_counter()
    setup_django()
    try:
        return run(args, started)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)


def run(args: argparse.Namespace, started: float) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core import registry
    from dangjian.orgs.models import Organization
    from dangjian.volunteer.models import Activity, Certificate, Participation, ServiceRecord
    from dangjian.volunteer.pdf import certificate_pdf

    runs, memory = max(1, args.runs), not args.no_memory
    year = timezone.localdate().year
    print(f"志愿服务性能基准：规模 {args.scale}，每项 {runs} 轮取中位数，临时数据库 {DB.relative_to(BASE)}")
    print(f"机器：{os.cpu_count()} 核，Python {platform.python_version()}，SQLite {connection.Database.sqlite_version}")
    call_command("migrate", verbosity=0, interactive=False)
    items: list[Item] = []

    seeding = Item(f"生成 {args.scale} 演示数据（seed_demo，含各模块）", 60.0)
    out = StringIO()
    t0 = time.perf_counter()
    call_command("seed_demo", "--scale", args.scale, "--seed", str(args.seed), stdout=out)
    seeding.times.append(time.perf_counter() - t0)
    seeding.note = "只运行一次（写入数据库）；志愿服务部分：" + "，".join(
        line.strip() for line in out.getvalue().splitlines() if line.strip().startswith("volunteer.")
    )
    items.append(seeding)
    root = Organization.objects.get(path=Organization._get_path("", 1, 1))
    print(
        f"数据：活动 {Activity.objects.count()} 次，报名 {Participation.objects.count()} 条，"
        f"服务记录 {ServiceRecord.objects.count()} 条（{root.name}）"
    )
    print()

    staff, member = Client(), Client()
    staff.force_login(User.objects.get(username="gongwei"))
    member.force_login(User.objects.get(username="dangyuan"))
    open_activity = (
        Activity.objects.filter(status="published", starts_at__gt=timezone.now()).order_by("starts_at").first()
    )

    stats = Item(f"统计接口 GET /api/v1/stats?org={root.code}&year={year}（全部指标）", 0.100)
    measure(stats, runs, get(staff, f"/api/v1/stats?org={root.code}&year={year}"), memory=memory)
    items.append(stats)

    keys = [m for m in registry.metrics() if m.key.startswith("volunteer.")]
    mine = Item("志愿服务四项指标（registry，全工委，本年）", 0.100)
    measure(mine, runs, lambda: [m.func(root, year) for m in keys], memory=memory)
    items.append(mine)

    for label, client, url in (
        ("党员首页 GET /volunteer/（手机报名入口）", member, "/volunteer/"),
        (
            f"活动页 GET /volunteer/activities/{open_activity.pk}/（党员）",
            member,
            f"/volunteer/activities/{open_activity.pk}/",
        ),
        ("活动管理列表 GET /volunteer/activities/（工委）", staff, "/volunteer/activities/"),
        ("支队概况 GET /volunteer/brigades/（工委）", staff, "/volunteer/brigades/"),
        (
            f"时长排行 GET /volunteer/rankings/?year={year}（工委）",
            staff,
            f"/volunteer/rankings/?org={root.code}&year={year}",
        ),
    ):
        item = Item(label, 0.100)
        measure(item, runs, get(client, url), memory=memory)
        items.append(item)

    certificate = Certificate.objects.order_by("pk").first()
    pdf = Item("志愿服务证明 PDF 生成（WeasyPrint）", 1.0)
    measure(
        pdf, runs, lambda: certificate_pdf(certificate, verify_url="http://localhost/volunteer/verify/"), memory=memory
    )
    items.append(pdf)

    single = Item("单次报名 services.signup（串行，每次一名新报名者）", 0.100)
    measure(single, runs, Serial(), memory=memory)
    items.append(single)

    burst = Burst(args.burst, args.places)
    burst_item = Item(f"报名洪峰：{args.burst} 人同时报名 {args.places} 个名额（每人一个线程和连接）", None)
    measure(burst_item, runs, burst, memory=False, warmup=False)
    if burst.throughputs and not burst_item.note:
        burst_item.note = (
            f"吞吐量中位数 {statistics.median(burst.throughputs):.0f} 人/秒；"
            f"每轮均核对：恰好 {args.places} 人获得名额，其余按报名顺序候补，无重复；"
            f"因 SQLite 等锁超时（20 秒）被请稍后重试的报名每轮 {burst.busy} 个"
        )
    items.append(burst_item)
    return report(items, started)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


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
                "—" if item.peak is None else f"{item.peak / 2**20:.1f} MB",
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
        print("\n说明：")
        print("\n".join(notes))
    print(
        f"\n峰值内存为额外一轮在 tracemalloc 下的 Python 分配峰值；进程最大常驻内存 "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB。"
        "页面时间为进程内 django.test.Client 的服务端耗时。"
        f"总用时 {time.perf_counter() - started:.0f} 秒。"
    )
    return 0


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
