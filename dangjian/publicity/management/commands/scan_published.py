"""manage.py scan_published [--json]

Re-checks every published article with the current rules. An article found
dirty (a blocking finding no reviewer has overridden, or a body changed since
it was published) is marked (flagged_at) and drops off the public site; one
found clean again is un-marked. Prints a report; exits 1 when anything is dirty.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from dangjian.core import audit
from dangjian.publicity.models import Article
from dangjian.publicity.services import gate


class Command(BaseCommand):
    help = "复查全部已发布稿件的内容安全，标记发现问题的稿件（从公开网站隐藏），输出报告"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--json", action="store_true", help="以 JSON 输出报告")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = gate.recheck_published()
        dirty = [r for r in rows if r.dirty]
        audit.record(
            audit.Event.CONTENT_SCAN,
            target=Article,
            object_repr="复查已发布稿件（scan_published）",
            data={"checked": len(rows), "dirty": len(dirty), "flagged": [r.article.pk for r in dirty]},
        )
        if options["json"]:
            report = {
                "checked": len(rows),
                "dirty": [
                    {
                        "id": r.article.pk,
                        "title": r.article.title,
                        "org": r.article.org.name,
                        "newly_flagged": r.newly_flagged,
                        "changed_since_published": r.changed,
                        "findings": [
                            {k: f.get(k) for k in ("kind", "excerpt", "start", "end", "field")} for f in r.findings
                        ],
                    }
                    for r in dirty
                ],
                "cleared": [r.article.pk for r in rows if r.cleared],
            }
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"复查已发布稿件 {len(rows)} 篇，发现问题 {len(dirty)} 篇。")
            for r in dirty:
                mark = "新发现" if r.newly_flagged else "仍未处理"
                self.stdout.write(f"  [{mark}] #{r.article.pk} {r.article.title}（{r.article.org.name}）")
                for f in r.findings[:5]:
                    self.stdout.write(
                        f"      - {f.get('kind')}: {str(f.get('excerpt', ''))[:60]} {f.get('message', '')}"
                    )
            for r in rows:
                if r.cleared:
                    self.stdout.write(f"  [已恢复] #{r.article.pk} {r.article.title}")
        if dirty:
            sys.exit(1)
