"""Benchmark of the content-security gate (issue 15 §3): scanning a 20,000-character article ≤ 50 ms.

    .venv/bin/python bench/contentsec.py [--runs 5] [--no-memory]

No database: the article is made of the clean corpus's texts (HTML paragraphs,
about 20,000 characters of text), the protected names are about 1,200
organization names shaped like the city data set's. Measured: the HTML
article, the same text as plain text, a spam-laden article, and loading the
options. Prints the figures; always exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as common  # noqa: E402  (bench/run.py: Item, measure, report)

CORPUS = BASE / "dangjian" / "publicity" / "tests" / "corpus"
SIZE = 20_000


def main() -> int:
    return common.app_bench_main("contentsec", "内容安全检查性能基准", run)


def _paragraphs(folder: str) -> list[str]:
    return [p.read_text(encoding="utf-8").strip() for p in sorted((CORPUS / folder).glob("*.txt"))]


def article(spam: bool = False) -> tuple[str, str]:
    """(HTML, plain text) of about SIZE characters of text; SPAM mixes in one spam sample every ten paragraphs."""
    clean, bad = _paragraphs("normal"), _paragraphs("spam")
    parts: list[str] = []
    total, k = 0, 0
    while total < SIZE:
        text = clean[k % len(clean)]
        if spam and k % 10 == 9:
            text += bad[(k // 10) % len(bad)]
        parts.append(text)
        total += len(text)
        k += 1
    return "".join(f"<p>{p}</p>" for p in parts), "\n".join(parts)


def names() -> list[str]:
    units = (
        "财政 教育 交通运输 卫生健康 民政 司法 审计 统计 农业农村 住房和城乡建设 "
        "人力资源和社会保障 生态环境 水利 商务 文化和旅游 应急管理 市场监督管理 林业和草原 "
        "自然资源 科学技术 工业和信息化 退役军人事务 医疗保障 信访 国有资产监督管理"
    ).split()
    out = ["市直属机关工作委员会", "市直机关工委"]
    for i, unit in enumerate(units * 2):
        org = f"市{unit}局" if i < len(units) else f"市{unit}中心"
        out += [org, f"{org}机关党委", f"中共{org}委员会", f"{org}机关纪委"]
        out += [f"{org}机关第{n}党支部" for n in "一二三四五六七八九十"]
        out += [f"{org}{dept}党支部" for dept in ("办公室", "人事科", "财务科", "法规科", "离退休干部")]
        out += [f"{org}机关党总支", f"{org}下属事业单位联合党支部"]
    return sorted(set(out))


def run(args: argparse.Namespace, started: float) -> int:
    from dangjian.publicity import contentsec

    runs, memory = max(1, args.runs), not args.no_memory
    protected = names()
    html, plain = article()
    spam_html, _ = article(spam=True)
    print(f"内容安全检查性能基准：每项 {runs} 轮取中位数；受保护名称 {len(protected)} 个；机器 {os.cpu_count()} 核")
    print(f"稿件：HTML {len(html):,} 字符（正文 {len(plain):,} 字符）")
    print()
    opts = contentsec.options(names=protected)
    items: list[common.Item] = []
    for label, content, is_html in (
        (f"检查一篇 {len(plain):,} 字的 HTML 稿件（{len(html):,} 字符）", html, True),
        (f"检查同一稿件的纯文本（{len(plain):,} 字符）", plain, False),
        (f"检查夹杂垃圾推广的 HTML 稿件（{len(spam_html):,} 字符）", spam_html, True),
    ):
        item = common.Item(label, 0.050)
        common.measure(
            item, runs, lambda c=content, h=is_html: contentsec.scan(c, opts=opts, html=h), warmup=True, memory=memory
        )
        items.append(item)
    load = common.Item(f"载入规则并建立名称索引（{len(protected)} 个名称）", 0.050)
    common.measure(load, runs, lambda: contentsec.options(names=protected), warmup=True, memory=memory)
    items.append(load)
    first = items[0].median
    if first is not None:
        print(f"20,000 字稿件检查中位数：{first * 1000:.1f} ms（目标 ≤ 50 ms）")
        print()
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
