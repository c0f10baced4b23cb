"""Benchmarks of the publicity module on the city data set (issue 6).

    .venv/bin/python bench/publicity.py [--runs 5] [--seed 1] [--no-memory] [--keep]

Like bench/run.py (whose measuring and table it reuses): a throwaway SQLite
database under var/bench/, migrated and seeded at `city` scale once (the
publicity seeder's share timed beside it), then the content-security gate on
one long article, the re-check of everything published (scan_published), the
public pages and the RSS feed, the yearly Word compilation and the statistics.
Always exits 0.
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
    return common.app_bench_main("publicity", "宣传报送模块性能基准", run)


def _long_article() -> str:
    """About 20,000 characters of ordinary text with links, images and one hidden link at the end."""
    corpus = BASE / "dangjian" / "publicity" / "tests" / "corpus" / "normal"
    parts = [f"<p>{p.read_text(encoding='utf-8').strip()}</p>" for p in sorted(corpus.glob("*.txt"))]
    body = "".join(parts) * 4
    return body + '<p>结尾<a href="http://www.example.com/" style="display:none">x</a></p>'


def run(args: argparse.Namespace, started: float) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from dangjian.accounts.models import User
    from dangjian.orgs.models import Organization
    from dangjian.publicity import contentsec
    from dangjian.publicity.models import Article, Status
    from dangjian.publicity.services import gate

    runs, memory = max(1, args.runs), not args.no_memory
    today = timezone.localdate()
    print(
        f"宣传报送模块性能基准：规模 city，每项 {runs} 轮取中位数，种子 {args.seed}"
        f"，临时数据库 {common.DB.relative_to(BASE)}"
    )
    print(f"机器：{os.cpu_count()} 核，SQLite {connection.Database.sqlite_version}")
    print()
    common.close_db()
    call_command("migrate", verbosity=0, interactive=False)

    share: list[float] = []
    items: list[common.Item] = []
    seeding = common.Item("生成 city 演示数据（seed_demo，含五年稿件和信息报送）", 60.0)
    t = time.perf_counter()
    with common.timing_seeder("publicity", share):
        call_command("seed_demo", "--scale", "city", "--seed", str(args.seed), stdout=StringIO())
    seeding.times.append(time.perf_counter() - t)
    items.append(seeding)
    part = common.Item("  其中宣传报送数据（publicity 生成器）", 5.0)
    part.times = share
    items.append(part)

    root = Organization.objects.get(depth=1)
    published = Article.objects.filter(status=Status.PUBLISHED).count()
    print(f"数据：稿件 {Article.objects.count()} 篇（已发布 {published} 篇），党组织 {Organization.objects.count()} 个")
    print()

    opts = gate.options()
    body = _long_article()
    scan = common.Item(f"内容安全检查：一篇 {len(body):,} 字符的 HTML 稿件", 0.5)
    common.measure(scan, runs, lambda: contentsec.scan(body, opts=opts, html=True), warmup=True, memory=memory)
    items.append(scan)
    options = common.Item("读取规则并载入组织名称（每次检查前）", 0.2)
    common.measure(options, runs, gate.options, warmup=True, memory=memory)
    items.append(options)
    recheck = common.Item(f"复查全部已发布稿件（scan_published，{published} 篇）", 10.0)

    def rescan() -> None:
        try:
            call_command("scan_published", stdout=StringIO())
        except SystemExit:
            pass

    common.measure(recheck, runs, rescan, warmup=False, memory=memory)
    items.append(recheck)

    article = Article.objects.filter(status=Status.PUBLISHED).order_by("-published_at").first()
    client = Client()
    pages = [
        ("党建网站首页 GET /news/（无需登录）", "/news/", 0.100),
        ("RSS 订阅 GET /news/rss.xml", "/news/rss.xml", 0.100),
        ("文章页 GET /news/a/<id>/", f"/news/a/{article.pk}/" if article else "/news/", 0.100),
        (
            "微信公众号版导出 GET /news/a/<id>/wechat.html",
            f"/news/a/{article.pk}/wechat.html" if article else "/news/",
            0.100,
        ),
    ]
    for label, url, target in pages:
        item = common.Item(label, target)
        common.measure(item, runs, common.get_page(client, url), warmup=True, memory=memory)
        items.append(item)
    client.force_login(User.objects.get(username="gongwei"))
    year = today.year - 1
    for label, url, target in (
        ("宣传报送工作台 GET /publicity/（工委工作人员）", "/publicity/", 0.100),
        ("稿件列表 GET /publicity/articles/", "/publicity/articles/", 0.100),
        (
            f"信息报送完成情况 GET /publicity/reports/targets/?year={year}",
            f"/publicity/reports/targets/?year={year}",
            0.200,
        ),
        (
            f"优秀案例年度汇编 GET /publicity/papers/cases/compilation.docx?year={year}",
            f"/publicity/papers/cases/compilation.docx?year={year}",
            0.500,
        ),
        (
            f"统计接口 GET /api/v1/stats?org={root.code}&year={year}",
            f"/api/v1/stats?org={root.code}&year={year}",
            0.100,
        ),
    ):
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
