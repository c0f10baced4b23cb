"""Benchmark of the content-security gate (issue 15 §3): scanning a 20,000-character article ≤ 50 ms.

    .venv/bin/python bench/contentsec.py [--runs 5] [--no-memory]

No database: the article is made of the clean corpus's texts (HTML paragraphs,
about 20,000 characters of text), the protected names are about 1,200
organization names shaped like the city data set's. Measured: the HTML
article, the same text as plain text, a spam-laden article, and loading the
options. Each timed scan starts with the name check's clause memo empty (a first scan
of the article). Prints the wall-clock medians and, for the two 20,000-character
scans, the CPU-time medians (the machine may be shared); always exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
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


def rich_article(spam: bool = False) -> tuple[str, str]:
    """(HTML, plain text) of an article as an editor lays one out: headings, paragraphs of three
    corpus texts with a link in every other one, images with captions, tables and lists (tables make
    the gate build the tree with html5lib, as a browser would). SPAM mixes in one spam sample every
    ten corpus texts."""
    clean, bad = _paragraphs("normal"), _paragraphs("spam")
    html_parts: list[str] = []
    text_parts: list[str] = []
    total, k = 0, 0
    while total < SIZE:
        texts = []
        for n in range(3 * k, 3 * k + 3):
            texts.append(clean[n % len(clean)] + (bad[(n // 10) % len(bad)] if spam and n % 10 == 9 else ""))
        text = "".join(texts)
        if k % 8 == 0:
            heading = f"{k // 8 + 1}、扎实推进基层党组织建设"
            html_parts.append(f"<h2>{heading}</h2>")
            text_parts.append(heading)
        if k % 2:
            cut = len(texts[0])
            link = f'<a href="http://www.12371.cn/2024/{k:03d}.shtml" target="_blank">{text[cut : cut + 8]}</a>'
            html_parts.append(f'<p style="text-indent:2em">{text[:cut]}{link}{text[cut + 8 :]}</p>')
        else:
            html_parts.append(f"<p>{text}</p>")
        text_parts.append(text)
        if k % 8 == 3:
            caption = f"图{k // 8 + 1}：党员干部参加主题党日活动"
            html_parts.append(
                f'<p style="text-align:center"><img src="/media/publicity/2024/{k:03d}.jpg" alt="{caption}"'
                f' width="600" height="400"><br><em>{caption}</em></p>'
            )
            text_parts.append(caption)
        if k % 16 == 6:
            rows = "".join(
                f"<tr><td>{n}</td><td>第{n}党支部</td><td>2024年{n}月{n + 2}日</td><td>{30 + n}</td></tr>"
                for n in range(1, 6)
            )
            head = "<thead><tr><th>序号</th><th>支部</th><th>时间</th><th>参加人数</th></tr></thead>"
            html_parts.append(f'<table border="1" style="width:100%">{head}<tbody>{rows}</tbody></table>')
            text_parts.append("序号 支部 时间 参加人数")
        if k % 16 == 12:
            items = ["学习党的二十大精神", "开展主题党日活动", "联系服务群众", "落实“三会一课”制度"]
            html_parts.append("<ul>" + "".join(f"<li><strong>{i}</strong></li>" for i in items) + "</ul>")
            text_parts += items
        total += len(text)
        k += 1
    return "\n".join(html_parts), "\n".join(text_parts)


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
    rich, rich_plain = rich_article()
    rich_spam, _ = rich_article(spam=True)
    print(f"内容安全检查性能基准：每项 {runs} 轮取中位数（先预热一轮）", end="；")
    print(f"受保护名称 {len(protected)} 个；机器 {os.cpu_count()} 核")
    print(f"稿件：排版稿 HTML {len(rich):,} 字符（正文 {len(rich_plain):,} 字符），段落稿 HTML {len(html):,} 字符")
    print()
    items: list[common.Item] = []

    def request(content: str, is_html: bool) -> object:
        # What every request of the article form and POST /api/v1/publicity/scan does: the options
        # for the current names (cached while the names stay the same), then the scan.
        return contentsec.scan(content, opts=contentsec.options(names=protected), html=is_html)

    def forget_clauses() -> None:
        # Each timed scan starts without the answers remembered from the previous scan of the same
        # article (the name check's clause memo): the figure is that of a first scan of the article.
        contentsec.options(names=protected).index.memo.clear()

    cpu: dict[str, list[float]] = {}

    def on_cpu(label: str, func: Callable[[], object]) -> Callable[[], object]:
        def timed() -> object:
            at = time.process_time()
            result = func()
            cpu.setdefault(label, []).append(time.process_time() - at)
            return result

        return timed

    for label, content, is_html in (
        (f"检查排版稿 HTML（标题、链接、图片、表格；{len(rich):,} 字符）", rich, True),
        (f"检查排版稿的纯文本（{len(rich_plain):,} 字符）", rich_plain, False),
        (f"检查段落稿 HTML（{len(html):,} 字符）", html, True),
        (f"检查段落稿的纯文本（{len(plain):,} 字符）", plain, False),
        (f"检查夹杂垃圾推广的排版稿 HTML（{len(rich_spam):,} 字符）", rich_spam, True),
        (f"检查夹杂垃圾推广的段落稿 HTML（{len(spam_html):,} 字符）", spam_html, True),
    ):
        item = common.Item(label, 0.050)
        scan = on_cpu(label, lambda c=content, h=is_html: request(c, h))
        common.measure(item, runs, scan, before=forget_clauses, warmup=True, memory=memory)
        items.append(item)
    load = common.Item(f"首次载入规则并建立名称索引（{len(protected)} 个名称，不用缓存）", 0.050)

    def cold() -> object:
        contentsec.clear_options()
        return contentsec.options(names=protected)

    common.measure(load, runs, cold, warmup=True, memory=memory)
    items.append(load)
    for what, item in (("HTML", items[0]), ("纯文本", items[1])):
        if item.median is not None:
            used = cpu.get(item.label, [])[1 : 1 + runs]  # the timed runs (not the warm-up or tracemalloc's)
            on = f"，CPU 时间中位数 {statistics.median(used) * 1000:.1f} ms" if used else ""
            print(f"20,000 字稿件（{what}）检查中位数：{item.median * 1000:.1f} ms{on}（目标 ≤ 50 ms）")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if load is not None:
        print(f"测量时的系统负载（1 分钟平均）：{load:.1f}（{os.cpu_count()} 核；负载高于核数时墙钟时间偏长）")
    print()
    return common.report(items, started)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
    sys.exit(0)
