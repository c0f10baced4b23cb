"""The audit trail partitioned by year on PostgreSQL (issue 16 §2); SQLite keeps one table.

`core_auditentry` is `PARTITION BY RANGE ("timestamp")`: one partition a year,
`core_auditentry_y2026` holding [2026-01-01, 2027-01-01) in UTC, and
`core_auditentry_default` for anything outside them, so no insert ever fails. The primary
key is (id, timestamp) (a partitioned table's keys must hold the partition key); the id
keeps its identity sequence, so ids go on from where they were. Django's state is
unchanged: it still sees one table with the primary key `id`.

- `convert` (migration core.0007, as the table's owner or a superuser) turns the plain table
  into the partitioned one: the same columns in the same order (so every entry's hash, the row
  as JSON, stays what it was and the chain verifies), the same indexes, checks and foreign keys,
  a partition for every year that holds entries plus last year to two years ahead; the guard's
  triggers are then installed again (row triggers on the parent reach every partition).
- `add_partitions` calls the SECURITY DEFINER function `dangjian_audit_add_partitions`, which the
  application's login may call: it creates the missing years, each with its own TRUNCATE guard,
  and moves into a new year the entries the DEFAULT partition held for it.
  `ensure_ahead` (after every migrate, `prune_audit`, `manage.py make_partitions`) makes sure
  this year and the next two exist.
- `dangjian_audit_prune` (postgres.py) detaches and drops every year partition entirely older
  than the cut-off and deletes the rows of the partial year (and the DEFAULT partition's).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from dangjian.core import partitioning

from .common import ENTRY_TABLE

logger = logging.getLogger(__name__)

DEFAULT_PARTITION = f"{ENTRY_TABLE}_default"
YEARS_AHEAD = 2


def partition_name(year: int) -> str:
    return f"{ENTRY_TABLE}_y{year:04d}"


def year_bounds(year: int) -> tuple[str, str]:
    """The UTC bounds of YEAR's partition, as PostgreSQL literals."""
    return f"{year:04d}-01-01 00:00:00+00", f"{year + 1:04d}-01-01 00:00:00+00"


@dataclass(frozen=True)
class Partition:
    name: str
    lower: dt.datetime | None  # None: the DEFAULT partition
    upper: dt.datetime | None


def is_partitioned(connection: Any, table: str = ENTRY_TABLE) -> bool:
    return partitioning.is_partitioned(connection, table)


def partitions(connection: Any, table: str = ENTRY_TABLE) -> list[Partition]:
    """TABLE's partitions, oldest first, the DEFAULT one last ([] on SQLite or when unpartitioned)."""
    if not is_partitioned(connection, table):
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, "
            "(regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM [(]''([^'']+)''[)]'))[1]::timestamptz, "
            "(regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO [(]''([^'']+)''[)]'))[1]::timestamptz "
            "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = to_regclass(%s)",
            [table],
        )
        rows = [Partition(name, lower, upper) for name, lower, upper in cursor.fetchall()]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(rows, key=lambda p: (p.lower is None, p.lower or far))


def partition_names(connection: Any, table: str = ENTRY_TABLE) -> list[str]:
    return [p.name for p in partitions(connection, table)]


def add_partitions(connection: Any, first_year: int, last_year: int) -> list[str]:
    """Create the year partitions FIRST_YEAR..LAST_YEAR that are missing; the names created."""
    if not is_partitioned(connection):
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT dangjian_audit_add_partitions(%s, %s)", [first_year, last_year])
        return list(cursor.fetchone()[0] or [])


def ensure_ahead(connection: Any, years_ahead: int = YEARS_AHEAD, now: dt.datetime | None = None) -> list[str]:
    """This year's partition and the next YEARS_AHEAD years' (UTC years); the names created."""
    year = (now or timezone.now()).astimezone(dt.UTC).year
    return add_partitions(connection, year, year + years_ahead)


# --- turning the plain table into the partitioned one (migration core.0007) --------------------


def can_convert(connection: Any) -> bool:
    """Whether this login may rebuild the trail's table: a superuser, or a member of its owner."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.rolsuper OR pg_has_role(current_user, t.tableowner, 'USAGE') "
            "FROM pg_roles r, pg_tables t WHERE r.rolname = current_user AND t.tablename = %s "
            "AND t.schemaname = current_schema()",
            [ENTRY_TABLE],
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def convert(connection: Any, now: dt.datetime | None = None) -> bool:
    """Rebuild `core_auditentry` as a partitioned table, keeping every entry, its id and its hash.

    Idempotent (False when already partitioned, on SQLite, or when this login may not). The guard
    is installed again afterwards by the caller (audit_guard.install).
    """
    if connection.vendor != "postgresql" or is_partitioned(connection):
        return False
    if ENTRY_TABLE not in connection.introspection.table_names():
        return False
    if not can_convert(connection):
        logger.warning(
            "审计表未改为按年分区：执行 migrate 的数据库账号既不是超级用户，也不是审计表的属主。"
            "请用超级用户再执行一次 migrate。"
        )
        return False
    this_year = (now or timezone.now()).astimezone(dt.UTC).year
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT min("timestamp"), max("timestamp") FROM {ENTRY_TABLE}')
        oldest, newest = cursor.fetchone()
    first = min(this_year - 1, oldest.astimezone(dt.UTC).year if oldest else this_year)
    last = max(this_year + YEARS_AHEAD, newest.astimezone(dt.UTC).year if newest else this_year)
    partitioning.rebuild_partitioned(
        connection,
        ENTRY_TABLE,
        key="timestamp",
        partition_by='RANGE ("timestamp")',
        partitions=[
            (partition_name(year), "FOR VALUES FROM ('{}') TO ('{}')".format(*year_bounds(year)))
            for year in range(first, last + 1)
        ],
        cascade=True,  # the hash function takes the old table's row type: it goes with it
    )
    return True


def unconvert(connection: Any) -> bool:
    """Back to one plain table (the migration's reverse); the guard is installed again by the caller."""
    if not is_partitioned(connection):
        return False
    partitioning.rebuild_partitioned(connection, ENTRY_TABLE, key="timestamp", partition_by=None, cascade=True)
    return True
