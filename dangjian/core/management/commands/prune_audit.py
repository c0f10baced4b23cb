"""Remove audit entries older than the retention (default 180 days, never less), and record that it ran.

    manage.py prune_audit               # the configured retention (settings.DANGJIAN["AUDIT_RETENTION_DAYS"])
    manage.py prune_audit --days 365    # keep a year
    manage.py prune_audit --dry-run     # count only

The only way entries leave the trail: the database guard lets this command's
transaction delete entries older than the cut-off, and nothing else. On PostgreSQL,
where the trail is partitioned by year, a year's partition entirely older than the
cut-off is detached and dropped whole, and only the rows of the partial year are
deleted; the command then makes sure this year's and the next two years' partitions
exist (as `manage.py make_partitions` does).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from dangjian.core import audit, audit_guard, audit_upkeep
from dangjian.core.models import AuditEntry

CLOCK_MARGIN_MINUTES = 5


def retention_days() -> int:
    return int(getattr(settings, "AUDIT_RETENTION_DAYS", audit_guard.MINIMUM_RETENTION_DAYS))


def prune(*, days: int, dry_run: bool = False, now: dt.datetime | None = None) -> int:
    """Delete entries older than DAYS days (one transaction); returns how many went."""
    if days < audit_guard.MINIMUM_RETENTION_DAYS:
        raise ValueError(f"审计记录至少保存 {audit_guard.MINIMUM_RETENTION_DAYS} 天，不能按 {days} 天清理。")
    # A few minutes' margin: the database checks the cut-off against its own clock.
    cutoff = (now or timezone.now()) - dt.timedelta(days=days, minutes=CLOCK_MARGIN_MINUTES)
    old = AuditEntry.objects.filter(timestamp__lt=cutoff)
    if dry_run:
        return old.count()
    with transaction.atomic():
        before = audit_guard.partitions.partition_names(connection)
        deleted = audit_upkeep.prune_older_than(cutoff)
        dropped = [p for p in before if p not in audit_guard.partitions.partition_names(connection)]
        data: dict[str, Any] = {"cutoff": cutoff.isoformat(), "retention_days": days, "deleted": deleted}
        if dropped:
            data["dropped_partitions"] = dropped
        audit.record(
            audit.Event.PRUNE,
            target=AuditEntry,
            object_pk="",
            object_repr=f"清理 {cutoff:%Y-%m-%d} 之前的审计记录",
            data=data,
        )
        audit_guard.partitions.ensure_ahead(connection, now=now)
    return deleted


class Command(BaseCommand):
    help = "删除超过保存期限（默认 180 天，不少于 180 天）的审计记录，并记录本次清理。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="保存天数（不少于 180，默认取配置）")
        parser.add_argument("--dry-run", action="store_true", help="只统计，不删除")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else retention_days()
        try:
            count = prune(days=days, dry_run=options["dry_run"])
        except ValueError as e:
            raise CommandError(str(e)) from None
        if options["dry_run"]:
            self.stdout.write(f"将删除 {count} 条 {days} 天以前的审计记录（未删除）。")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"已删除 {count} 条 {days} 天以前的审计记录，本次清理已记入审计日志。")
            )
