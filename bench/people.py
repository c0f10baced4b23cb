"""Benchmark of the roster export (issue 11 §3): the whole committee's 12,000 people ≤ 5 s.

    .venv/bin/python bench/people.py [--runs 3] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, seeded at `city` scale. Measured, as `gongwei`
(committee staff) through the in-process test client, to the last byte of the
streamed file:

- `GET /members/export.xlsx`: every person, numbers masked;
- `GET /members/export.xlsx?full=1`: every person with the full ID and phone
  numbers (each decrypted), the file that can be imported back;
- the first bytes of that response (what the user waits for before the
  browser's download shows up and grows).

Always exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as common  # noqa: E402  (bench/run.py: Item, measure, report)


def main() -> int:
    return common.app_bench_main("people", "名册导出性能基准", run)


def run(args: argparse.Namespace, started: float) -> int:
    from django.db import connection
    from django.test import Client

    from dangjian.accounts.models import User
    from dangjian.people.models import Member

    runs = max(1, args.runs)
    memory = not args.no_memory
    print(
        f"名册导出性能基准：规模 city，每项 {runs} 轮取中位数，种子 {args.seed}"
        f"，临时数据库 {common.DB.relative_to(BASE)}"
    )
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    common.city_database(args)
    print(f"名册：{Member.objects.count()} 人")
    print()
    client = Client()
    client.force_login(User.objects.get(username="gongwei"))
    sizes: dict[str, int] = {}

    def download(url: str):  # type: ignore[no-untyped-def]
        def go() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise common.Skip(f"跳过：GET {url} 返回 HTTP {response.status_code}")
            sizes[url] = sum(len(part) for part in response.streaming_content)

        return go

    def first_bytes() -> None:
        response = client.get("/members/export.xlsx?full=1")
        next(iter(response.streaming_content))
        response.close()

    items: list[common.Item] = []
    for label, url in (
        ("导出全部名册（隐藏身份证号）GET /members/export.xlsx", "/members/export.xlsx"),
        ("导出可再导入的全部名册（完整身份证号）?full=1", "/members/export.xlsx?full=1"),
    ):
        item = common.Item(label, 5.0)
        common.measure(item, runs, download(url), warmup=True, memory=memory)
        items.append(item)
    first = common.Item("导出开始下载的等待时间（首批字节）", 1.0)
    common.measure(first, runs, first_bytes, warmup=True, memory=memory)
    items.append(first)
    for url, size in sizes.items():
        print(f"{url}：{size / 2**20:.1f} MB")
    print()
    return common.report(items, started)


if __name__ == "__main__":
    sys.exit(main())
