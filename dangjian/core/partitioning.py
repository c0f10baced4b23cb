"""Tables partitioned by year on PostgreSQL (issue 16 §2); on SQLite every function here does nothing.

A table with an integer `year` column (the study app's attendance tables, whose rows carry their
meeting's, session's or training day's year) becomes `PARTITION BY LIST (year)`: one partition a
year, `<table>_y2026`, and `<table>_default` for any other year, so no insert ever fails. A
partitioned table's keys must hold the partition key: the primary key becomes (id, year) and
every unique constraint gets `year` added (the same rows are unique, since a row's year follows
from its parent). Django's state is unchanged. The audit trail has its own partitioning by range
of its timestamp, with the guard's triggers (dangjian.core.audit_guard.partitions); both tables
are rebuilt by `rebuild_partitioned`.

- `partition_by_year` (a migration, as the table's owner) rebuilds the table: the same columns
  in the same order, indexes, checks and foreign keys, the id sequence going on; a partition for
  every year in it and for last year to two years ahead. Refused (a warning, nothing changed)
  when another table's foreign key points at it.
- `ensure_years` makes missing years' partitions, moving the rows the DEFAULT partition held for
  them; `ensure_ahead` this year's and the next two, and those of the years the DEFAULT partition
  holds (after every migrate, and by `manage.py make_partitions`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

YEARS_AHEAD = 2
# Tables partitioned by their `year` column (their app's migration did it), registered by their
# apps (AppConfig.ready): their partitions are made ahead with the audit trail's.
YEAR_TABLES: list[str] = []


def register_year_table(table: str) -> None:
    if table not in YEAR_TABLES:
        YEAR_TABLES.append(table)


def partition_name(table: str, year: int) -> str:
    return f"{table}_y{year:04d}"


def default_partition(table: str) -> str:
    return f"{table}_default"


def is_partitioned(connection: Any, table: str) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass(%s)", [table])
        return cursor.fetchone() is not None


def partition_years(connection: Any, table: str) -> list[int]:
    """The years TABLE has a partition of ([] unpartitioned or on SQLite)."""
    if not is_partitioned(connection, table):
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'IN [(]''?([0-9]+)''?[)]'))[1]::int "
            "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(%s)",
            [table],
        )
        return sorted(row[0] for row in cursor.fetchall() if row[0] is not None)


def _this_year(now: dt.datetime | None) -> int:
    return timezone.localdate(now or timezone.now()).year


def ensure_ahead(connection: Any, years_ahead: int = YEARS_AHEAD, now: dt.datetime | None = None) -> list[str]:
    """This year's and the next YEARS_AHEAD years' partitions of every partitioned year table, and
    those of the past years its DEFAULT partition holds rows of (written around migrate: seeding)."""
    year = _this_year(now)
    made: list[str] = []
    for table in YEAR_TABLES:
        if not is_partitioned(connection, table):
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT year FROM {default_partition(table)} WHERE year BETWEEN %s AND %s",
                [year - 50, year + years_ahead],
            )
            past = [row[0] for row in cursor.fetchall()]
        made += ensure_years(connection, table, [*past, *range(year, year + years_ahead + 1)])
    return made


def ensure_years(connection: Any, table: str, years: Iterable[int]) -> list[str]:
    """Create TABLE's missing partitions of YEARS; the DEFAULT partition's rows of a year move into it."""
    if not is_partitioned(connection, table):
        return []
    have = set(partition_years(connection, table))
    default = default_partition(table)
    made = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for year in sorted(set(years) - have):
            name = partition_name(table, year)
            cursor.execute(f"SELECT 1 FROM {default} WHERE year = %s LIMIT 1", [year])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE TABLE {name} PARTITION OF {table} FOR VALUES IN ({int(year)})")
            else:  # the table stays locked meanwhile: an insert waits, none fails
                cursor.execute(f"ALTER TABLE {table} DETACH PARTITION {default}")
                cursor.execute(f"CREATE TABLE {name} PARTITION OF {table} FOR VALUES IN ({int(year)})")
                cursor.execute(f"INSERT INTO {name} SELECT * FROM {default} WHERE year = %s", [year])
                cursor.execute(f"DELETE FROM {default} WHERE year = %s", [year])
                cursor.execute(f"ALTER TABLE {table} ATTACH PARTITION {default} DEFAULT")
            made.append(name)
    return made


def partition_by_year(connection: Any, table: str, now: dt.datetime | None = None) -> bool:
    """Rebuild TABLE as `PARTITION BY LIST (year)`; False when done already, on SQLite, or refused."""
    if connection.vendor != "postgresql" or is_partitioned(connection, table):
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND confrelid = %s::regclass",
            [table],
        )
        referring = [row[0] for row in cursor.fetchall()]
        if referring:
            logger.warning("%s 未按年分区：表 %s 有外键指向它。", table, "、".join(referring))
            return False
        cursor.execute(f"SELECT min(year), max(year) FROM {table}")
        oldest, newest = cursor.fetchone()
    year = _this_year(now)
    years = range(min(year - 1, oldest or year), max(year + YEARS_AHEAD, newest or year) + 1)
    rebuild_partitioned(
        connection,
        table,
        key="year",
        partition_by="LIST (year)",
        partitions=[(partition_name(table, y), f"FOR VALUES IN ({y})") for y in years],
    )
    return True


def unpartition(connection: Any, table: str) -> bool:
    """Back to one plain table (the migration's reverse)."""
    if not is_partitioned(connection, table):
        return False
    rebuild_partitioned(connection, table, key="year", partition_by=None)
    return True


def rebuild_partitioned(
    connection: Any,
    table: str,
    *,
    key: str,
    partition_by: str | None,
    partitions: Iterable[tuple[str, str]] = (),
    cascade: bool = False,
) -> None:
    """Move TABLE's rows into a new table of the same columns, in the same order (the audit trail's
    hashes are of the row as it stands), partitioned `PARTITION BY <PARTITION_BY>` or plain (None).

    KEY is the partition key column: partitioned, the primary key and every unique constraint hold it
    (added last); plain, none does. PARTITIONS are the (name, bound) pairs to create beside the
    DEFAULT partition, a bound such as `FOR VALUES IN (2026)`. Indexes, checks, foreign keys and the
    id sequence (going on where it was) are carried over. With CASCADE what depends on the old table
    goes with it (the audit trail's hash function takes its row type; the caller installs the guard
    again, triggers included). Used by migrations: study 0003 (`partition_by_year`) and core 0007
    (`audit_guard.partitions.convert`)."""
    old = f"{table}_before"
    partitioned = partition_by is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname",
            [table],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid), "
            "ARRAY(SELECT a.attname FROM unnest(conkey) k JOIN pg_attribute a "
            "      ON a.attrelid = conrelid AND a.attnum = k ORDER BY array_position(conkey, k)) "
            "FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'f') ORDER BY conname",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]

        # The old table steps aside, and so do its names (indexes and sequences are per schema).
        cursor.execute(f"ALTER TABLE {table} RENAME TO {old}")
        for number, (name, kind, _, _) in enumerate(constraints):
            if kind in ("p", "u"):  # their indexes bear their names
                cursor.execute(f'ALTER TABLE {old} RENAME CONSTRAINT "{name}" TO {old}_c{number}')
        for number, (name, _) in enumerate(indexes):
            cursor.execute(f'ALTER INDEX "{name}" RENAME TO {old}_i{number}')
        if sequence:
            cursor.execute(f"ALTER SEQUENCE {sequence} RENAME TO {old}_id_seq")

        cursor.execute(
            f"CREATE TABLE {table} (LIKE {old} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED "
            "INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)"
            + (f" PARTITION BY {partition_by}" if partitioned else "")
        )
        for name, kind, _, columns in constraints:
            if kind == "f":
                continue
            # (id) → (id, year) and (meeting, person) → (meeting, person, year); and back.
            columns = [c for c in columns if c != key] + ([key] if partitioned else [])
            verb = "PRIMARY KEY" if kind == "p" else "UNIQUE"
            quoted = ", ".join(f'"{c}"' for c in columns)
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {verb} ({quoted})')
        for name, definition in indexes:
            # "CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING method (columns)"
            if definition.startswith("CREATE UNIQUE"):
                raise RuntimeError(f"{table} 上的唯一索引 {name} 不含分区键，无法重建")
            cursor.execute(f'CREATE INDEX "{name}" ON {table} USING {definition.partition(" USING ")[2]}')
        if partitioned:
            cursor.execute(f"CREATE TABLE {default_partition(table)} PARTITION OF {table} DEFAULT")
            for name, bound in partitions:
                cursor.execute(f"CREATE TABLE {name} PARTITION OF {table} {bound}")
        cursor.execute(f"INSERT INTO {table} SELECT * FROM {old}")
        if sequence:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), last_value, is_called) FROM {old}_id_seq", [table]
            )
        # Added after the rows: checked by one scan, with no check left pending in this transaction
        # (which would keep the audit guard's install() from altering the table).
        for name, kind, definition, _ in constraints:
            if kind == "f":
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        cursor.execute(f"DROP TABLE {old}" + (" CASCADE" if cascade else ""))
        cursor.execute(f"ANALYZE {table}")
