"""Make the year partitions ahead of time (PostgreSQL), and list them: the audit trail's and those
of the tables partitioned by year (the attendance tables).

    manage.py make_partitions                  # this year and the next two
    manage.py make_partitions --years-ahead 5  # further ahead
    manage.py make_partitions --list           # only list them, the audit trail's with row counts

`migrate` makes this year's and the next two years' partitions too, and `prune_audit` the audit
trail's; run this from cron, e.g. monthly (`0 3 1 * * … manage.py make_partitions`), so that a
new year never starts in a DEFAULT partition (which takes any row, so nothing fails meanwhile,
and whose rows of a year move into that year's partition once it is made). On SQLite the tables
are not partitioned and there is nothing to do.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, transaction

from dangjian.core import partitioning
from dangjian.core.audit_guard import ENTRY_TABLE, partitions


class Command(BaseCommand):
    help = "提前建好审计记录和出勤表的年度分区（PostgreSQL），并列出现有分区。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--years-ahead", type=int, default=partitions.YEARS_AHEAD, help="今年之后再建几年（默认 2）"
        )
        parser.add_argument("--list", action="store_true", help="只列出分区，不新建")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite 数据库不分区：审计记录和出勤记录各在一张表里，无需建分区。")
            return
        if not partitions.is_partitioned(connection):
            raise CommandError("审计表尚未按年分区：请用数据库超级用户（或审计表的属主）执行 manage.py migrate。")
        ahead = options["years_ahead"]
        if not 0 <= ahead <= 20:
            raise CommandError("--years-ahead 应在 0 到 20 之间。")
        if not options["list"]:
            with transaction.atomic(using=connection.alias):
                made = partitions.ensure_ahead(connection, ahead) + partitioning.ensure_ahead(connection, ahead)
            if made:
                self.stdout.write(self.style.SUCCESS("已新建分区：" + "、".join(made)))
            else:
                self.stdout.write("所需的年度分区都已存在。")
        self.stdout.write(f"{ENTRY_TABLE}（审计记录，按时间，UTC 年度）：")
        with connection.cursor() as cursor:
            for part in partitions.partitions(connection):
                cursor.execute(f"SELECT count(*) FROM {part.name}")
                rows = cursor.fetchone()[0]
                span = (
                    "其余时间（默认分区）"
                    if part.lower is None or part.upper is None
                    else f"{part.lower:%Y-%m-%d} 至 {part.upper:%Y-%m-%d}"
                )
                self.stdout.write(f"  {part.name}  {span}  {rows} 条")
        for table in partitioning.YEAR_TABLES:
            years = partitioning.partition_years(connection, table)
            if years:
                listed = "、".join(str(y) for y in years)
                self.stdout.write(f"{table}（按年度）：{listed}，另有默认分区 {partitioning.default_partition(table)}")
            else:
                self.stdout.write(f"{table}：未分区")
