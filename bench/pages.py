"""The pages of issue 16 §1 at `city` scale: server time, queries, and queries per row.

    .venv/bin/python bench/pages.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite database under
var/bench/pages-<pid>/ (DEBUG=0), the `city` demo seeded once (or the copy `make bench` shares
through BENCH_CITY_CACHE). Each page of the list (home and dashboard, the organization tree and
the committee's page, the roster and a search in it, the study calendar, the training list, the
volunteer activities, the stats API, the public news) is fetched in-process as committee staff
(`gongwei`; the news anonymously): the median server time of RUNS runs after a warm-up, against
the target of 50 ms, and the queries of one request. The same pages are then counted on a
database seeded at `demo` scale (300 people instead of 12,000): a page whose count grows with the
data runs queries per row ("每行查询"), a miss as much as a slow page. Always exits 0.

On an existing database (issue 16 §2: the `province` demo on PostgreSQL, 100 committees), nothing
is seeded or written but a login session:

    .venv/bin/python bench/pages.py --database-url postgres://… [--user gongwei] [--org GW001] [--target-ms 200]
    PAGES_DATABASE_URL=postgres://… .venv/bin/python bench/pages.py      # the same
    bash bench/province.sh                                                # seeds once, then this

The same pages as USER (their highest organization unless --org), against --target-ms; then
"the whole province's stats": every registered figure of every committee (registry.compute_many
over the top-level organizations, as a board of them computes it) and of one committee
(registry.compute, what the stats API answers), cold (the figures caches cleared before each run)
and warm, against 1 s. The per-row check on a demo-scale database is left out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from io import StringIO
from pathlib import Path
from typing import Any

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as common  # noqa: E402  (bench/run.py: Item, measure, get_page, report)

TARGET = 0.050  # seconds, issue 16 §1
SURNAME = "王"  # the commonest surname in the demo roster: a search with many matches


STATS_TARGET = 1.0  # seconds, issue 16 §2: the whole province's stats


def main() -> int:
    return common.app_bench_main("pages", "常用页面性能基准（issue 16 §1）", run, add_arguments, database_url)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url",
        default=os.environ.get("PAGES_DATABASE_URL", ""),
        help="在这个已有数据库上测量（不生成数据；默认取环境变量 PAGES_DATABASE_URL）",
    )
    parser.add_argument("--user", default="gongwei", help="以该用户登录访问各页（已有数据库时）")
    parser.add_argument("--org", default="", help="组织编码（已有数据库时；默认该用户管理的最高一级组织）")
    parser.add_argument("--target-ms", type=float, default=None, help="每页目标毫秒数（默认 50）")


def database_url(args: argparse.Namespace) -> str | None:
    return args.database_url or None


def pages(root_code: str, year: int) -> list[tuple[str, str, bool]]:
    """(label, address, as committee staff) for each page of the issue's list."""
    return [
        ("首页 GET /（工委，跳转到工作台）", "/", True),
        ("工作台 GET /dashboard/", "/dashboard/", True),
        ("图表看板 GET /charts/", "/charts/", True),
        ("组织树 GET /orgs/", "/orgs/", True),
        (f"工委组织页 GET /orgs/{root_code}/", f"/orgs/{root_code}/", True),
        ("人员名册 GET /members/", "/members/", True),
        (f"名册搜索 GET /members/?q={SURNAME}", f"/members/?q={SURNAME}", True),
        ("组织生活日历 GET /study/calendar/", "/study/calendar/", True),
        ("培训班列表 GET /study/training/", "/study/training/", True),
        ("志愿服务活动 GET /volunteer/activities/", "/volunteer/activities/", True),
        (f"统计接口 GET /api/v1/stats?org={root_code}&year={year}", f"/api/v1/stats?org={root_code}&year={year}", True),
        ("公开新闻 GET /news/（未登录）", "/news/", False),
    ]


def fetch(client: Any, url: str) -> Any:
    response = client.get(url)
    if response.status_code not in (200, 302):
        raise common.Skip(f"跳过：GET {url} 返回 HTTP {response.status_code}")
    return response


def timed_cpu(client: Any, url: str, spent: list[float]) -> Any:
    started = time.process_time()
    response = fetch(client, url)
    spent.append(time.process_time() - started)
    return response


def queries_of(client: Any, url: str) -> int | None:
    """The queries of one request of URL (after one untimed request: the caches warm)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    try:
        fetch(client, url)
        with CaptureQueriesContext(connection) as queries:
            fetch(client, url)
    except common.Skip:
        return None
    return len(queries)


def clients(username: str = "gongwei") -> tuple[Any, Any]:
    from django.test import Client

    from dangjian.accounts.models import User

    staff = Client()
    staff.force_login(User.objects.get(username=username))
    return staff, Client()


def forget_figures() -> None:
    """Another database under the same file name: no figure cached from the last one may show."""
    from django.core.cache import caches

    from dangjian.core import registry

    for alias in ("default", "figures"):
        caches[alias].clear()
    registry.figures_changed()


def run(args: argparse.Namespace, started: float) -> int:
    if args.database_url:
        return run_existing(args, started)
    return run_city(args, started)


def run_city(args: argparse.Namespace, started: float) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from dangjian.orgs.models import Organization
    from dangjian.people.models import Member

    runs, memory = max(1, args.runs), not args.no_memory
    target = (args.target_ms or TARGET * 1000) / 1000
    year = timezone.localdate().year
    print(
        f"常用页面性能基准：规模 city，每页 {runs} 轮取中位数（先预热一次），种子 {args.seed}"
        f"，临时数据库 {common.DB.relative_to(BASE)}"
    )
    print(f"机器：{os.cpu_count()} 核，负载 {' '.join(f'{x:.2f}' for x in os.getloadavg())}（1/5/15 分钟）")
    print(f"SQLite {connection.Database.sqlite_version}；目标每页 ≤ {target * 1000:.0f} ms，且查询数不随数据量增长")
    print()
    items = common.city_database(args)
    forget_figures()
    root = Organization.objects.get(depth=1)
    print(f"数据（city）：党组织 {Organization.objects.count()} 个，人员 {Member.objects.count()} 名")
    city = common.save_db("city.sqlite3")

    staff, anonymous = clients()
    listed = pages(root.code, year)
    timed, city_queries, cpu = measure_pages(listed, staff, anonymous, runs, memory, target)

    # The same pages on 300 people: the counts must not move.
    common.close_db()
    common._remove_db()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", "--scale", "demo", "--seed", str(args.seed), stdout=StringIO())
    forget_figures()
    print(f"数据（demo）：党组织 {Organization.objects.count()} 个，人员 {Member.objects.count()} 名")
    print()
    staff, anonymous = clients()
    demo_root = Organization.objects.get(depth=1)
    demo_queries = {
        url: queries_of(staff if as_staff else anonymous, url) for _, url, as_staff in pages(demo_root.code, year)
    }
    common.restore_db(city)

    items.extend(timed)
    code = common.report(items, started)
    print()
    print("每页：服务端耗时中位数、其中本进程 CPU 时间（机器繁忙时仍可比较）、查询数 city / demo（相同即无每行查询）：")
    for (label, url, _), item in zip(listed, timed, strict=True):
        big, small = city_queries[url], demo_queries.get(url)
        time_ok = item.median is not None and item.median <= target
        rows_ok = big is not None and big == small
        verdict = "达标" if time_ok and rows_ok else "未达标"
        if big is not None and small is not None and big != small:
            verdict += f"（每行查询：多 {big - small} 条）"
        median, spent = common._seconds(item.median), common._seconds(cpu[url])
        print(f"  {common._pad(label, 60)} {median:>7}  CPU {spent:>7}  {big if big is not None else '—':>4} / "
              f"{small if small is not None else '—':<4} {verdict}")  # fmt: skip
    return code


def measure_pages(
    listed: list[tuple[str, str, bool]], staff: Any, anonymous: Any, runs: int, memory: bool, target: float
) -> tuple[list[common.Item], dict[str, int | None], dict[str, float | None]]:
    """Each page timed (common.Item), its queries of one request, its median CPU time."""
    timed: list[common.Item] = []
    queries: dict[str, int | None] = {}
    cpu: dict[str, float | None] = {}
    for label, url, as_staff in listed:
        client = staff if as_staff else anonymous
        item = common.Item(label, target)
        spent: list[float] = []  # this process's CPU time per request: less at the mercy of a busy machine
        common.measure(item, runs, lambda c=client, u=url, s=spent: timed_cpu(c, u, s), warmup=True, memory=memory)
        timed.append(item)
        cpu[url] = statistics.median(spent[1 : 1 + runs]) if len(spent) > runs else None
        queries[url] = queries_of(client, url)
    return timed, queries, cpu


def run_existing(args: argparse.Namespace, started: float) -> int:
    """The pages and the province's stats on the database of --database-url, as it is."""
    from django.db import connection
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.core import registry, scoping
    from dangjian.orgs.models import Organization
    from dangjian.people.models import Member

    runs, memory = max(1, args.runs), not args.no_memory
    target = (args.target_ms or TARGET * 1000) / 1000
    year = timezone.localdate().year
    user = User.objects.get(username=args.user)
    if args.org:
        org = Organization.objects.get(code=args.org)
    else:
        paths = scoping.scope_paths(user)
        org = Organization.objects.filter(path__in=paths).order_by("path").first() if paths else None
        if org is None:
            org = Organization.objects.filter(depth=1).order_by("path").first()
    if org is None:
        print("数据库中没有党组织：先运行 seed_demo（例如 bash bench/province.sh）")
        return 0
    roots = list(Organization.objects.filter(depth=1).order_by("path"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    print(f"常用页面性能基准：已有数据库（{connection.vendor}），每页 {runs} 轮取中位数（先预热一次）")
    print(f"机器：{os.cpu_count()} 核，负载 {' '.join(f'{x:.2f}' for x in os.getloadavg())}（1/5/15 分钟）")
    print(f"{version}；目标每页 ≤ {target * 1000:.0f} ms，全省统计 ≤ {STATS_TARGET:.0f} s")
    print(
        f"数据：党组织 {Organization.objects.count():,} 个（顶层 {len(roots)} 个），"
        f"人员 {Member.objects.count():,} 名；以 {user.username} 访问，组织 {org.code} {org.name}"
    )
    print()
    forget_figures()
    staff, anonymous = clients(user.username)
    listed = pages(org.code, year)
    timed, queries, cpu = measure_pages(listed, staff, anonymous, runs, memory, target)

    stats_runs = min(runs, 3)  # a cold run of the province is seconds long before the indexes
    province_cold = common.Item(f"全省统计：{len(roots)} 个工委的全部指标（compute_many，缓存已清）", STATS_TARGET)
    common.measure(
        province_cold, stats_runs, lambda: registry.compute_many(roots, [year]), before=forget_figures, memory=False
    )
    province_warm = common.Item(f"全省统计：{len(roots)} 个工委的全部指标（compute_many，已缓存）", STATS_TARGET)
    common.measure(province_warm, runs, lambda: registry.compute_many(roots, [year]), warmup=True, memory=False)
    one_cold = common.Item(f"一个工委的全部指标（compute {org.code}，缓存已清）", STATS_TARGET)
    common.measure(one_cold, stats_runs, lambda: registry.compute(org, year), before=forget_figures, memory=False)
    stats_items = [province_cold, province_warm, one_cold]
    slowest = slowest_metrics(roots, year)

    code = common.report([*timed, *stats_items], started)
    print()
    print("每页：服务端耗时中位数、其中本进程 CPU 时间、一次请求的查询数：")
    for (label, url, _), item in zip(listed, timed, strict=True):
        verdict = "达标" if item.median is not None and item.median <= target else "未达标"
        median, spent = common._seconds(item.median), common._seconds(cpu[url])
        n = queries[url]
        print(f"  {common._pad(label, 60)} {median:>7}  CPU {spent:>7}  {n if n is not None else '—':>4} 条  {verdict}")
    print()
    print(f"全省统计中最慢的指标（per_org，{len(roots)} 个工委一次，缓存不参与）：")
    for key, seconds in slowest[:8]:
        print(f"  {seconds * 1000:>8.0f} ms  {key}")
    return code


def slowest_metrics(roots: list[Any], year: int) -> list[tuple[str, float]]:
    """Each registered figure's time for all ROOTS at once (registry.per_org), slowest first."""
    from dangjian.core import registry

    spent = []
    for m in registry.metrics():
        t = time.perf_counter()
        try:
            registry.per_org(m.key, roots, year)
        except Exception:  # noqa: BLE001  (a figure that fails is reported, not fatal)
            continue
        spent.append((m.key, time.perf_counter() - t))
    return sorted(spent, key=lambda ks: -ks[1])


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
