"""The guard and the chain on SQLite: triggers, the guard function, the hash function."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .common import (
    CHAIN_TABLE,
    ENTRY_TABLE,
    MINIMUM_RETENTION_DAYS,
    OLD_SQLITE_GUARD_TABLE,
    SQLITE_GUARD_FUNCTION,
    SQLITE_HASH_FUNCTION,
    _sha256,
    sqlite_content,
)


def register_sqlite_functions(sender: Any = None, connection: Any = None, **kwargs: Any) -> None:
    """`connection_created` receiver: the chain's hash function on every SQLite connection."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_HASH_FUNCTION, 1, _sha256, deterministic=True)
        register_sqlite_guard(connection)


def _sqlite_ddl(connection: Any, tables: list[str]) -> list[str]:
    minimum = f"strftime('%Y-%m-%d %H:%M:%f', 'now', '-{MINIMUM_RETENTION_DAYS} days')"
    guard = f"coalesce({SQLITE_GUARD_FUNCTION}(), '')"  # NULL would make the WHEN below NULL: no refusal
    # 'flush', or 'prune:<cut-off as Django writes datetimes to SQLite>'.
    allowed = f"""({guard} = 'flush' OR ({guard} LIKE 'prune:%'
        AND substr({guard}, 7) <= {minimum} AND OLD."timestamp" < substr({guard}, 7)))"""
    ddl = [
        f"DROP TABLE IF EXISTS {OLD_SQLITE_GUARD_TABLE}",
        f"""CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            entry_id INTEGER NOT NULL UNIQUE,
            prev_hash TEXT NOT NULL,
            entry_hash TEXT NOT NULL)""",
    ]
    for table in tables:
        ddl += sqlite_drop_ddl(table)
        ddl += [
            f"""CREATE TRIGGER {table}_append_only_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: {table} rows cannot be updated'); END""",
            f"""CREATE TRIGGER {table}_append_only_delete BEFORE DELETE ON {table}
WHEN NOT {allowed}
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: {table} rows are deleted only by prune_audit'); END""",
            # REPLACE INTO / INSERT OR REPLACE deletes the old row without firing DELETE triggers.
            f"""CREATE TRIGGER {table}_append_only_replace BEFORE INSERT ON {table}
WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: {table} rows cannot be replaced'); END""",
        ]
    content = sqlite_content(connection, "NEW")
    last = f"coalesce((SELECT entry_hash FROM {CHAIN_TABLE} ORDER BY seq DESC LIMIT 1), '')"
    ddl += sqlite_drop_ddl(CHAIN_TABLE) + [
        f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_chain",
        f"""CREATE TRIGGER {ENTRY_TABLE}_chain AFTER INSERT ON {ENTRY_TABLE}
BEGIN
    INSERT INTO {CHAIN_TABLE} (entry_id, prev_hash, entry_hash)
    SELECT NEW.id, p.h, {SQLITE_HASH_FUNCTION}(p.h || '|' || {content}) FROM (SELECT {last} AS h) p;
END""",
        f"""CREATE TRIGGER {CHAIN_TABLE}_append_only_update BEFORE UPDATE ON {CHAIN_TABLE}
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: {CHAIN_TABLE} rows cannot be updated'); END""",
        f"""CREATE TRIGGER {CHAIN_TABLE}_append_only_delete BEFORE DELETE ON {CHAIN_TABLE}
WHEN NOT ({guard} = 'flush' OR ({guard} LIKE 'prune:%'
    AND NOT EXISTS (SELECT 1 FROM {ENTRY_TABLE} WHERE id = OLD.entry_id)))
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: {CHAIN_TABLE} rows are deleted only by prune_audit'); END""",
        f"""CREATE TRIGGER {CHAIN_TABLE}_append_only_replace BEFORE INSERT ON {CHAIN_TABLE}
WHEN EXISTS (SELECT 1 FROM {CHAIN_TABLE} WHERE seq = NEW.seq OR entry_id = NEW.entry_id)
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: {CHAIN_TABLE} rows cannot be replaced'); END""",
    ]
    return ddl


def sqlite_drop_ddl(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only_update",
        f"DROP TRIGGER IF EXISTS {table}_append_only_delete",
        f"DROP TRIGGER IF EXISTS {table}_append_only_replace",
    ]


@contextmanager
def _sqlite_guard(connection: Any, value: str) -> Iterator[None]:
    connection.ensure_connection()
    raw = connection.connection
    raw.create_function(SQLITE_GUARD_FUNCTION, 0, lambda: value)
    try:
        yield
    finally:
        # Back to "no guard": the function returns NULL, and every guarded DELETE is refused.
        raw.create_function(SQLITE_GUARD_FUNCTION, 0, lambda: None)


def register_sqlite_guard(connection: Any) -> None:
    raw = connection.connection
    raw.create_function(SQLITE_GUARD_FUNCTION, 0, lambda: None)
