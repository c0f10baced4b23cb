"""The audit trail is append-only and tamper-evident, and the database itself sees to it.

Guard. Triggers on `core_auditentry` (and on auditlog's own table, should it exist)
refuse every UPDATE and DELETE, and every INSERT that would replace an entry
(`REPLACE INTO`, `INSERT OR REPLACE`). The one exception is `manage.py
prune_audit`, and only for entries older than a cut-off that is itself at least
180 days back: the triggers check both. Nothing the application's ordinary SQL
can write switches the guard off:

- PostgreSQL: the guard is a row in `dangjian_audit_guard` for the current
  transaction, written only by the SECURITY DEFINER function
  `dangjian_audit_arm_prune(cutoff)`, which refuses a cut-off younger than 180
  days. Where the migrating login may create roles, the trail's tables and
  functions belong to the NOLOGIN role `dangjian_audit_owner` and the login keeps
  SELECT and INSERT only: it can neither write the guard table nor alter,
  disable or drop the triggers. No session setting (`set_config`) is read.
  TRUNCATE is refused; `flush` (tests, development) needs a superuser
  (`session_replication_role`).
- SQLite: the guard is an SQL function (`dangjian_audit_guard()`) that only
  Python code defines on its own connection for one transaction (prune,
  flush); SQL cannot define it. There is no guard table to insert into.
  SQLite has no logins: whoever can open the file can drop triggers; the
  hash chain makes that visible.

Chain. Each entry gets a row in `dangjian_audit_chain` (by an AFTER INSERT
trigger, in the inserting statement, so every insert path is covered: the ORM,
auditlog, the import's bulk INSERTs): `prev_hash` is the entry_hash of the row
before it, `entry_hash` the SHA-256 of `prev_hash` and the entry's columns. A
transaction-level lock (PostgreSQL advisory lock; SQLite's single writer) keeps
concurrent inserts on one line. `manage.py verify_audit` recomputes it and names
the first broken link.

Partitions. On PostgreSQL the trail is partitioned by year (partitions.py): retention drops a
year's partition whole instead of deleting its rows one by one.

Here: install, uninstall and the back-fill of the chain; common.py the names the SQL
shares and an entry's hashed content; sqlite.py and postgres.py each database's DDL;
partitions.py the trail's year partitions on PostgreSQL.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from . import partitions
from .common import (
    CHAIN_TABLE,
    ENTRY_TABLE,
    GUARDED_TABLES,
    MINIMUM_RETENTION_DAYS,
    OWNER_ROLE,
    PG_GUARD_TABLE,
    SQLITE_GUARD_FUNCTION,
    SQLITE_HASH_FUNCTION,
    _entry_columns,
    sqlite_content,
)
from .postgres import PG_FUNCTIONS, _pg_ddl, _pg_is_superuser, _pg_separate_owner, pg_drop_ddl, pg_owner_is_separate
from .sqlite import _sqlite_ddl, _sqlite_guard, register_sqlite_functions, register_sqlite_guard, sqlite_drop_ddl

__all__ = [
    "CHAIN_TABLE",
    "ENTRY_TABLE",
    "GUARDED_TABLES",
    "MINIMUM_RETENTION_DAYS",
    "OWNER_ROLE",
    "PG_FUNCTIONS",
    "PG_GUARD_TABLE",
    "SQLITE_GUARD_FUNCTION",
    "SQLITE_HASH_FUNCTION",
    "_entry_columns",
    "_sqlite_guard",
    "backfill_chain",
    "install",
    "partitions",
    "pg_drop_ddl",
    "pg_owner_is_separate",
    "register_sqlite_functions",
    "register_sqlite_guard",
    "sqlite_content",
    "sqlite_drop_ddl",
    "uninstall",
]

logger = logging.getLogger(__name__)


# --- installing (the migrations, and after every migrate) ---------------------------------


def install(connection: Any) -> None:
    """Create the guard and the chain on every guarded table that exists in CONNECTION's database."""
    existing = set(connection.introspection.table_names())
    tables = [t for t in GUARDED_TABLES if t in existing]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        register_sqlite_functions(connection=connection)
        with connection.cursor() as cursor:
            for sql in _sqlite_ddl(connection, tables):
                cursor.execute(sql)
    elif connection.vendor == "postgresql":
        if pg_owner_is_separate(connection) and not _pg_is_superuser(connection):
            return  # installed and handed over; this login may not (and need not) touch it
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
            parts = tuple(partitions.partition_names(connection))
            for sql in _pg_ddl(schema, tables, parts):
                cursor.execute(sql)
            if not _pg_separate_owner(cursor, tables, parts):
                logger.warning(
                    "审计表仍属于应用的数据库账号：该账号不能创建角色 %s，无法把审计表交给独立的属主。", OWNER_ROLE
                )
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"no audit guard for the {connection.vendor} database")
    backfill_chain(connection)


def backfill_chain(connection: Any) -> None:
    """Chain the entries written before the chain existed (oldest first), once."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id FROM {ENTRY_TABLE} e LEFT JOIN {CHAIN_TABLE} c ON c.entry_id = e.id "
            "WHERE c.entry_id IS NULL ORDER BY e.id"
        )
        missing = [row[0] for row in cursor.fetchall()]
        if not missing:
            return
        for entry_id in missing:
            cursor.execute(f"SELECT entry_hash FROM {CHAIN_TABLE} ORDER BY seq DESC LIMIT 1")
            row = cursor.fetchone()
            prev = row[0] if row else ""
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"INSERT INTO {CHAIN_TABLE} (entry_id, prev_hash, entry_hash) "
                    f"SELECT e.id, %s, dangjian_audit_row_hash(%s, e) FROM {ENTRY_TABLE} e WHERE e.id = %s",
                    [prev, prev, entry_id],
                )
            else:
                cursor.execute(
                    f"INSERT INTO {CHAIN_TABLE} (entry_id, prev_hash, entry_hash) "
                    f"SELECT e.id, %s, {SQLITE_HASH_FUNCTION}(%s || '|' || {sqlite_content(connection, 'e')}) "
                    f"FROM {ENTRY_TABLE} e WHERE e.id = %s",
                    [prev, prev, entry_id],
                )


def uninstall(connection: Any) -> None:
    with connection.cursor() as cursor:
        for table in (*GUARDED_TABLES, CHAIN_TABLE):
            if connection.vendor == "sqlite":
                for sql in sqlite_drop_ddl(table):
                    cursor.execute(sql)
            elif connection.vendor == "postgresql":
                for sql in pg_drop_ddl(table):
                    cursor.execute(sql)
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_chain")
            cursor.execute(f"DROP TABLE IF EXISTS {CHAIN_TABLE}")
        elif connection.vendor == "postgresql":
            for partition in partitions.partition_names(connection):
                cursor.execute(f"DROP TRIGGER IF EXISTS {partition}_no_truncate ON {partition}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_chain ON {ENTRY_TABLE}")
            for function in PG_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}")
            cursor.execute(f"DROP TABLE IF EXISTS {CHAIN_TABLE}, {PG_GUARD_TABLE}")
