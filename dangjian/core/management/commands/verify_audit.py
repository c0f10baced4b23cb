"""Check the audit trail's hash chain and name the first broken link.

    manage.py verify_audit          # exit 0 when every link holds, 1 otherwise

It prints the head hash: written down elsewhere (a ticket, a signed mail), it lets
a later run show that no entry was cut off the end either.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dangjian.core import audit_upkeep


class Command(BaseCommand):
    help = "校验审计记录的哈希链，报告第一个断开的环节。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        verdict = audit_upkeep.verify(options["database"])
        if verdict.broken is None:
            self.stdout.write(
                self.style.SUCCESS(f"审计记录哈希链完整：共 {verdict.checked} 条，链头 {verdict.head or '（空）'}。")
            )
            return
        link = verdict.broken
        where = f"链序号 {link.seq}" if link.seq is not None else "链外"
        self.stderr.write(
            self.style.ERROR(
                f"审计记录哈希链在{where}（审计记录 id {link.entry_id}）处断开：{link.reason}。"
                f"此前 {verdict.checked} 条完好。"
            )
        )
        raise SystemExit(1)
