"""manage.py org_compliance [--org CODE] [--format json|table] [--date YYYY-MM-DD]

Lists every setup finding for a subtree (default: every committee). JSON is a
list of objects with exactly the keys code, org_code, org_name, message, rule.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dangjian.orgs.compliance import Finding, findings_for
from dangjian.orgs.models import Organization
from dangjian.orgs.selectors import subtree_of


def _width(text: str) -> int:
    """Columns TEXT takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render_table(findings: list[Finding]) -> str:
    headers = ["规则代码", "组织编码", "组织名称", "问题说明"]
    rows = [[f.code, f.org_code, f.org_name, f.message] for f in findings]
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers[:-1])]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers[:-1], widths, strict=True)) + "  " + headers[-1]]
    lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 8)
    for f, r in zip(findings, rows, strict=True):
        lines.append("  ".join(_pad(v, w) for v, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1])
        lines.append(" " * (sum(widths) + 2 * len(widths)) + "依据：" + f.rule)
    orgs = len({f.org_code for f in findings})
    lines.append("")
    lines.append(f"共 {len(findings)} 条问题，涉及 {orgs} 个组织。" if findings else "未发现问题。")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "按《支部工作条例》等规定检查党组织设置，列出全部问题"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--org", help="只检查该组织编码及其下级组织")
        parser.add_argument("--format", choices=["json", "table"], default="table", help="输出格式（默认 table）")
        parser.add_argument("--date", help="按该日期检查任期（YYYY-MM-DD，默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("date"):
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"日期格式不正确：{options['date']}（应为 YYYY-MM-DD）") from None
        code = (options.get("org") or "").strip()
        if code:
            root = Organization.objects.filter(code=code).first()
            if root is None:
                raise CommandError(f"未找到组织编码为“{code}”的党组织")
            orgs = subtree_of(root)
        else:
            orgs = Organization.objects.all()
        findings = findings_for(orgs, today=today)
        if options["format"] == "json":
            self.stdout.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_table(findings))
