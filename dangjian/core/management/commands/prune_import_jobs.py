"""Delete background import jobs finished (done, failed, interrupted) more than N days ago.

    manage.py prune_import_jobs             # settings.DANGJIAN["imports"]["finished_keep_days"] (30)
    manage.py prune_import_jobs --days 7

A job's outcome names people (masked IDs, errors per row); new imports prune as well.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangjian.core.importing import jobs


class Command(BaseCommand):
    help = "删除结束（完成、失败或中断）超过保存天数的后台导入任务。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="保存天数（默认取配置，30 天）")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is not None and days < 0:
            raise CommandError("保存天数不能为负数。")
        count = jobs.prune_finished_jobs(days=days)
        self.stdout.write(self.style.SUCCESS(f"已删除 {count} 个已结束的后台导入任务。"))
