"""Restore a backup written by `manage.py backup`: database and uploaded files.

    manage.py restore var/backups/dangjian-20261206-203000.tar          # asks before overwriting
    manage.py restore var/backups/dangjian-20261206-203000.tar --yes    # does not ask

Stop the web server and the task worker first. An archive from a newer version (migrations this
code does not know) is refused. What is overwritten is first kept as a safety backup in
var/backups/ (unless --no-safety-backup). Afterwards every table's row count is checked against
the archive's manifest, the restore is recorded on the audit trail and the trail's hash chain is
verified. See dangjian.core.backups.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangjian.core import backups


class Command(BaseCommand):
    help = "从备份文件恢复数据库和上传的文件（覆盖当前数据，恢复前先自动备份当前数据）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="manage.py backup 写出的备份文件")
        parser.add_argument("--yes", action="store_true", help="不再询问，直接覆盖当前数据")
        parser.add_argument("--no-safety-backup", action="store_true", help="恢复前不备份当前数据")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        using = options["database"]
        try:
            manifest = backups.read_manifest(path)
            backups.check_restorable(manifest, using)
        except backups.BackupError as e:
            raise CommandError(str(e)) from None
        rows = sum(manifest.row_counts.values())
        self.stdout.write(
            f"备份时间 {manifest.created_at[:19]}，程序版本 {manifest.app_version}，"
            f"{len(manifest.row_counts)} 张表共 {rows} 行，文件 {sum(manifest.files.values())} 个。"
        )
        if not options["yes"]:
            if not sys.stdin.isatty():
                raise CommandError("恢复会覆盖当前的数据库和上传的文件。请确认后加上 --yes 再运行；未做任何改动。")
            answer = input("恢复会覆盖当前的数据库和上传的文件。确认恢复请输入 yes：")
            if answer.strip().lower() not in ("yes", "y", "是"):
                raise CommandError("已取消，未做任何改动。")
        try:
            result = backups.backup_restore(path=path, using=using, safety_backup=not options["no_safety_backup"])
        except backups.BackupError as e:
            raise CommandError(str(e)) from None
        if result.safety_backup:
            self.stdout.write(f"恢复前的数据已备份到：{result.safety_backup}")
        self.stdout.write(f"各表行数与备份清单一致（{len(manifest.row_counts)} 张表，{rows} 行）。")
        self.stdout.write(f"审计记录哈希链完整：共 {result.audit_checked} 条（本次恢复已记入审计日志）。")
        if result.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"备份来自较早的版本，还有 {len(result.pending_migrations)} 个数据库迁移未应用："
                    "请运行 manage.py migrate。"
                )
            )
        self.stdout.write(self.style.SUCCESS(f"恢复完成：{path.name}"))
