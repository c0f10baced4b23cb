"""manage.py scan_content FILE|-  [--html|--text] [--no-names] [--format json|table]

Runs the content-security gate over a file (plain text or HTML; `-` reads
standard input) and prints JSON:
{"verdict": "clean" | "blocked", "findings": [{"kind", "family", "excerpt", "start", "end", "message", ...}]}
start/end are character offsets into the input, `family` the rule family that
matched and `message` why. `--format table` prints one line per finding:
severity, kind/family, start-end, the span and why. Exits 0 when clean, 1 when blocked.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dangjian.publicity import contentsec
from dangjian.publicity.contentsec.names import known_names


class Command(BaseCommand):
    help = "内容安全检查：检查一个文本或 HTML 文件（- 表示标准输入），输出 JSON，拦截时退出码为 1"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="要检查的文件；- 读标准输入")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument("--html", action="store_true", help="按 HTML 检查（默认自动判断）")
        kind.add_argument("--text", action="store_true", help="按纯文本检查")
        parser.add_argument(
            "--no-names", action="store_true", help="不读取数据库中的组织名称（不判断“组织名称被篡改”）"
        )
        parser.add_argument("--format", choices=("json", "table"), default="json", help="输出格式（默认 json）")

    def handle(self, *args: Any, **options: Any) -> None:
        content = self._read(options["file"])
        names: list[str] = []
        if not options["no_names"]:
            try:
                names = known_names()
            except Exception:  # noqa: BLE001  (no database yet: scan without names)
                names = []
        html = True if options["html"] else False if options["text"] else None
        result = contentsec.scan(content, opts=contentsec.options(names=names), html=html)
        if options["format"] == "table":
            self._table(result)
        else:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        if result.verdict == "blocked":
            sys.exit(1)

    def _table(self, result: contentsec.ScanResult) -> None:
        verdict = "拦截" if result.verdict == "blocked" else "通过"
        self.stdout.write(f"结论：{verdict}（{len(result.blocking)} 项拦截，{len(result.warnings)} 项提示）")
        for f in result.findings:
            level = "拦截" if f.blocking else "提示"
            family = f"{f.kind}/{f.family}" if f.family else f.kind
            span = f.excerpt.replace("\n", "⏎")
            self.stdout.write(f"{level}\t{family}\t{f.start}-{f.end}\t“{span}”\t{f.message}")

    def _read(self, name: str) -> str:
        if name == "-":
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        else:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"找不到文件：{name}")
            data = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise CommandError("无法识别文件编码（支持 UTF-8 和 GB18030）。")
