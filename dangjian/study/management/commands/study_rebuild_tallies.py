"""manage.py study_rebuild_tallies: recount the monthly meeting tallies the compliance calendar reads.

The services keep them current; run this after meetings were written some other
way (a database restore, a hand-made fix).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dangjian.study.services.org_life import tallies_rebuild


class Command(BaseCommand):
    help = "按会议记录重新统计组织生活按月开展情况（组织生活日历使用）"

    def handle(self, *args: Any, **options: Any) -> None:
        n = tallies_rebuild()
        self.stdout.write(self.style.SUCCESS(f"已重新统计 {n} 条组织生活按月记录。"))
