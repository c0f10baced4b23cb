"""The audit trail is append-only, and the database itself sees to it.

Triggers on `core_auditentry` (and on auditlog's own table, should it exist)
refuse every UPDATE and every DELETE. The one exception is `manage.py
prune_audit`, which lifts the guard for its own transaction, and only for
entries older than a cut-off that is itself at least 180 days back: the
triggers check both, so not even a mistaken cut-off can remove younger entries.

- PostgreSQL: a trigger function reads the transaction-local setting
  `dangjian.audit_guard` ('prune:<ISO cut-off>', set with SET LOCAL semantics).
  TRUNCATE is refused too.
- SQLite: triggers consult the one-row table `dangjian_audit_guard`, which the
  command fills inside its transaction and empties before committing. It is
  no Django model on purpose: `flush` must not empty it behind our back.

Inserts are untouched (the Excel import writes entries with raw INSERTs).
`manage.py flush` (tests' TransactionTestCase, a developer resetting a
database) empties the trail through `lifted_for_flush`, refused in production.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connections, transaction

MINIMUM_RETENTION_DAYS = 180
GUARDED_TABLES = ("core_auditentry", "auditlog_logentry")
SQLITE_GUARD_TABLE = "dangjian_audit_guard"
PG_SETTING = "dangjian.audit_guard"

# --- SQLite -------------------------------------------------------------------------

SQLITE_GUARD_DDL = f"CREATE TABLE IF NOT EXISTS {SQLITE_GUARD_TABLE} (mode TEXT NOT NULL, cutoff TEXT)"


def sqlite_trigger_ddl(table: str) -> list[str]:
    # Django keeps SQLite datetimes as 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC, so
    # text comparison orders them; strftime gives the same shape for "180 days ago".
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_append_only_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: {table} rows cannot be updated'); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {table}_append_only_delete BEFORE DELETE ON {table}
WHEN NOT EXISTS (
    SELECT 1 FROM {SQLITE_GUARD_TABLE} g
    WHERE g.mode = 'flush'
       OR (g.mode = 'prune'
           AND g.cutoff <= strftime('%Y-%m-%d %H:%M:%f', 'now', '-{MINIMUM_RETENTION_DAYS} days')
           AND OLD.timestamp < g.cutoff)
)
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: {table} rows are deleted only by prune_audit'); END""",
    ]


def sqlite_drop_ddl(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only_update",
        f"DROP TRIGGER IF EXISTS {table}_append_only_delete",
    ]


# --- PostgreSQL -----------------------------------------------------------------------

PG_FUNCTION_DDL = f"""
CREATE OR REPLACE FUNCTION dangjian_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    guard text := coalesce(current_setting('{PG_SETTING}', true), '');
    cutoff timestamptz;
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF guard = 'flush' THEN
            RETURN OLD;
        END IF;
        IF guard LIKE 'prune:%' THEN
            cutoff := substr(guard, 7)::timestamptz;
            IF cutoff <= now() - interval '{MINIMUM_RETENTION_DAYS} days' AND OLD."timestamp" < cutoff THEN
                RETURN OLD;
            END IF;
        END IF;
        RAISE EXCEPTION 'audit trail is append-only: % rows are deleted only by prune_audit', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    ELSIF TG_OP = 'TRUNCATE' THEN
        IF guard = 'flush' THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'audit trail is append-only: % cannot be truncated', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'audit trail is append-only: % rows cannot be updated', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def pg_trigger_ddl(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION dangjian_audit_append_only()""",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION dangjian_audit_append_only()""",
    ]


def pg_drop_ddl(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
    ]


# --- installing (the migration) ---------------------------------------------------------


def install(connection: Any) -> None:
    """Create the guard on every guarded table that exists in CONNECTION's database."""
    existing = set(connection.introspection.table_names())
    tables = [t for t in GUARDED_TABLES if t in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(SQLITE_GUARD_DDL)
            for table in tables:
                for sql in sqlite_trigger_ddl(table):
                    cursor.execute(sql)
        elif connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION_DDL)
            for table in tables:
                for sql in pg_trigger_ddl(table):
                    cursor.execute(sql)
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise RuntimeError(f"no audit guard for the {connection.vendor} database")


def uninstall(connection: Any) -> None:
    with connection.cursor() as cursor:
        for table in GUARDED_TABLES:
            if connection.vendor == "sqlite":
                for sql in sqlite_drop_ddl(table):
                    cursor.execute(sql)
            elif connection.vendor == "postgresql":
                for sql in pg_drop_ddl(table):
                    cursor.execute(sql)
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TABLE IF EXISTS {SQLITE_GUARD_TABLE}")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS dangjian_audit_append_only()")


# --- lifting it, in one transaction ---------------------------------------------------------


def _sqlite_stamp(moment: dt.datetime) -> str:
    """MOMENT as Django writes a datetime to SQLite (naive UTC text)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


@contextmanager
def lifted_for_prune(cutoff: dt.datetime, using: str = "default") -> Iterator[None]:
    """Inside the caller's transaction: deletes of entries older than CUTOFF are allowed.

    The triggers allow it only when CUTOFF lies at least 180 days back.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("lifted_for_prune must run inside transaction.atomic()")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, %s, true)", [PG_SETTING, f"prune:{cutoff.isoformat()}"])
        else:
            cursor.execute(f"DELETE FROM {SQLITE_GUARD_TABLE}")
            cursor.execute(
                f"INSERT INTO {SQLITE_GUARD_TABLE} (mode, cutoff) VALUES ('prune', %s)", [_sqlite_stamp(cutoff)]
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, '', true)", [PG_SETTING])
            else:
                cursor.execute(f"DELETE FROM {SQLITE_GUARD_TABLE}")


@contextmanager
def lifted_for_flush(using: str = "default") -> Iterator[None]:
    """For `manage.py flush` only, outside production: the whole trail may go with everything else."""
    if getattr(settings, "ENVIRONMENT", "") == "production":
        raise PermissionError("生产环境不允许清空审计记录（flush）。")
    connection = connections[using]
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, 'flush', true)", [PG_SETTING])
            elif _sqlite_guard_exists(connection):
                cursor.execute(f"DELETE FROM {SQLITE_GUARD_TABLE}")
                cursor.execute(f"INSERT INTO {SQLITE_GUARD_TABLE} (mode) VALUES ('flush')")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SELECT set_config(%s, '', true)", [PG_SETTING])
                elif _sqlite_guard_exists(connection):
                    cursor.execute(f"DELETE FROM {SQLITE_GUARD_TABLE}")


def _sqlite_guard_exists(connection: Any) -> bool:
    return SQLITE_GUARD_TABLE in connection.introspection.table_names()
