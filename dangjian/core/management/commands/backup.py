"""Back the platform up: database, uploaded files and a manifest, in one archive.

    manage.py backup                     # var/backups/dangjian-YYYYmmdd-HHMMSS.tar
    manage.py backup --gzip              # … .tar.gz
    manage.py backup --output /mnt/nas   # another folder

Safe while the server runs: SQLite is copied with its online backup API, PostgreSQL with
pg_dump inside one snapshot. The backup is recorded on the audit trail. See dangjian.core.backups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangjian.core import backups


class Command(BaseCommand):
    help = "备份数据库和上传的文件（含清单：迁移状态、版本、时间、各表行数），写成一个归档文件。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="", help="备份文件所在的文件夹（默认 var/backups/）")
        parser.add_argument("--gzip", action="store_true", help="压缩（.tar.gz）")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backups.backup_create(
                folder=Path(options["output"]) if options["output"] else None,
                gzip=options["gzip"],
                using=options["database"],
            )
        except backups.BackupError as e:
            raise CommandError(str(e)) from None
        m = result.manifest
        self.stdout.write(
            f"数据库：{len(m.row_counts)} 张表，共 {sum(m.row_counts.values())} 行；"
            f"文件：{sum(m.files.values())} 个；迁移：{len(m.migrations)} 个。"
        )
        self.stdout.write(f"SHA-256：{result.sha256}")
        self.stdout.write(self.style.SUCCESS(f"备份完成：{result.path}（已记入审计日志）"))
