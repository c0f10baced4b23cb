"""manage.py import_members FILE.xlsx [--dry-run] [--user NAME]: import a roster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangjian.core.importing import report_lines
from dangjian.people.importing import import_members_file


class Command(BaseCommand):
    help = (
        "从 Excel（.xlsx）导入人员名册（党员、入党积极分子、非党干部）。"
        "任何一行有错误时不写入任何数据；--dry-run 只校验。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="人员名册（.xlsx），表头见导入模板")
        parser.add_argument("--dry-run", action="store_true", help="只校验并列出将新增/更新的人员，不写入")
        parser.add_argument("--user", help="记入审计日志的操作人账号")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        actor = _user(options.get("user"))
        result = import_members_file(path, actor=actor, dry_run=options["dry_run"])
        for line in report_lines(result, all_changes=options["verbosity"] >= 2):
            (self.stdout if result.ok else self.stderr).write(line)
        if not result.ok:
            raise CommandError(f"导入失败：{len(result.errors)} 处错误，未导入任何数据。")


def _user(username: str | None) -> Any:
    if not username:
        return None
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"账号不存在：{username}") from None
