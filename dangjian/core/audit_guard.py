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
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

MINIMUM_RETENTION_DAYS = 180
ENTRY_TABLE = "core_auditentry"
GUARDED_TABLES = (ENTRY_TABLE, "auditlog_logentry")
CHAIN_TABLE = "dangjian_audit_chain"
PG_GUARD_TABLE = "dangjian_audit_guard"
OLD_SQLITE_GUARD_TABLE = "dangjian_audit_guard"  # the SQLite guard of before: dropped
OWNER_ROLE = "dangjian_audit_owner"
SQLITE_GUARD_FUNCTION = "dangjian_audit_guard"
SQLITE_HASH_FUNCTION = "dangjian_sha256"
_LOCK_KEY = 0x6A617564  # 'jaud': the advisory lock that keeps the chain on one line


def _sha256(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def register_sqlite_functions(sender: Any = None, connection: Any = None, **kwargs: Any) -> None:
    """`connection_created` receiver: the chain's hash function on every SQLite connection."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_HASH_FUNCTION, 1, _sha256, deterministic=True)
        register_sqlite_guard(connection)


def _entry_columns(connection: Any, table: str = ENTRY_TABLE) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def sqlite_content(connection: Any, alias: str) -> str:
    """The SQL text of an entry's hashed content (ALIAS.column for every column), SQLite."""
    return "json_array(" + ", ".join(f'{alias}."{c}"' for c in _entry_columns(connection)) + ")"


# --- SQLite -------------------------------------------------------------------------


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


# --- PostgreSQL -----------------------------------------------------------------------


def _pg_ddl(schema: str, tables: list[str]) -> list[str]:
    path = f'SET search_path = "{schema}", pg_catalog'
    ddl = [
        f"""CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} (
            seq bigserial PRIMARY KEY,
            entry_id bigint NOT NULL UNIQUE,
            prev_hash text NOT NULL,
            entry_hash text NOT NULL)""",
        f"CREATE TABLE IF NOT EXISTS {PG_GUARD_TABLE} (txid bigint PRIMARY KEY, cutoff timestamptz NOT NULL)",
        # The hashed content: the row as JSON, rendered in UTC whatever the session's time zone.
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_row_hash(prev text, r {ENTRY_TABLE}) RETURNS text
LANGUAGE sql STABLE SET timezone = 'UTC' {path}
AS $$ SELECT encode(sha256(convert_to(prev || '|' || row_to_json(r)::text, 'UTF8')), 'hex') $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_chain_link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
    prev text;
BEGIN
    PERFORM pg_advisory_xact_lock({_LOCK_KEY});
    SELECT entry_hash INTO prev FROM {CHAIN_TABLE} ORDER BY seq DESC LIMIT 1;
    prev := coalesce(prev, '');
    INSERT INTO {CHAIN_TABLE} (entry_id, prev_hash, entry_hash)
        VALUES (NEW.id, prev, dangjian_audit_row_hash(prev, NEW));
    RETURN NULL;
END $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_armed_cutoff() RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER {path}
AS $$ SELECT cutoff FROM {PG_GUARD_TABLE} WHERE txid = txid_current() $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_append_only() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
    cutoff timestamptz;
BEGIN
    IF TG_OP = 'DELETE' THEN
        cutoff := dangjian_audit_armed_cutoff();
        IF cutoff IS NOT NULL AND cutoff <= now() - interval '{MINIMUM_RETENTION_DAYS} days'
           AND OLD."timestamp" < cutoff THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit trail is append-only: % rows are deleted only by prune_audit', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    ELSIF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'audit trail is append-only: % cannot be truncated', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'audit trail is append-only: % rows cannot be updated', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_chain_append_only() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
BEGIN
    IF TG_OP = 'DELETE' AND dangjian_audit_armed_cutoff() IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM {ENTRY_TABLE} WHERE id = OLD.entry_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit trail is append-only: % cannot be changed', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$""",
        # The one way to lift the guard: for this transaction, for entries older than CUTOFF.
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_arm_prune(cutoff timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
BEGIN
    IF cutoff > now() - interval '{MINIMUM_RETENTION_DAYS} days' THEN
        RAISE EXCEPTION 'audit entries are kept at least {MINIMUM_RETENTION_DAYS} days'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO {PG_GUARD_TABLE} (txid, cutoff) VALUES (txid_current(), cutoff)
        ON CONFLICT (txid) DO UPDATE SET cutoff = EXCLUDED.cutoff;
END $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_disarm() RETURNS void
LANGUAGE sql SECURITY DEFINER {path}
AS $$ DELETE FROM {PG_GUARD_TABLE} WHERE txid = txid_current() OR txid < txid_current() - 1000000 $$""",
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_prune_chain() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
    n bigint;
BEGIN
    IF dangjian_audit_armed_cutoff() IS NULL THEN
        RAISE EXCEPTION 'only prune_audit prunes the chain' USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM {CHAIN_TABLE} c WHERE NOT EXISTS (SELECT 1 FROM {ENTRY_TABLE} e WHERE e.id = c.entry_id);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END $$""",
        # What prune_audit calls: the login needs no DELETE privilege on the trail.
        f"""CREATE OR REPLACE FUNCTION dangjian_audit_prune(cutoff timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE
    n bigint;
BEGIN
    PERFORM dangjian_audit_arm_prune(cutoff);
    DELETE FROM {ENTRY_TABLE} WHERE "timestamp" < cutoff;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM dangjian_audit_prune_chain();
    PERFORM dangjian_audit_disarm();
    RETURN n;
END $$""",
    ]
    for table in tables:
        ddl += pg_drop_ddl(table) + [
            f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION dangjian_audit_append_only()""",
            f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION dangjian_audit_append_only()""",
        ]
    ddl += pg_drop_ddl(CHAIN_TABLE) + [
        f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_chain ON {ENTRY_TABLE}",
        f"""CREATE TRIGGER {ENTRY_TABLE}_chain AFTER INSERT ON {ENTRY_TABLE}
FOR EACH ROW EXECUTE FUNCTION dangjian_audit_chain_link()""",
        f"""CREATE TRIGGER {CHAIN_TABLE}_append_only BEFORE UPDATE OR DELETE ON {CHAIN_TABLE}
FOR EACH ROW EXECUTE FUNCTION dangjian_audit_chain_append_only()""",
        f"""CREATE TRIGGER {CHAIN_TABLE}_no_truncate BEFORE TRUNCATE ON {CHAIN_TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION dangjian_audit_append_only()""",
    ]
    return ddl


PG_FUNCTIONS = (
    "dangjian_audit_row_hash(text, core_auditentry)",
    "dangjian_audit_chain_link()",
    "dangjian_audit_armed_cutoff()",
    "dangjian_audit_append_only()",
    "dangjian_audit_chain_append_only()",
    "dangjian_audit_arm_prune(timestamptz)",
    "dangjian_audit_disarm()",
    "dangjian_audit_prune_chain()",
    "dangjian_audit_prune(timestamptz)",
)


def pg_drop_ddl(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
    ]


def _pg_separate_owner(cursor: Any, tables: list[str]) -> bool:
    """Hand the trail to the NOLOGIN owner role; the login keeps SELECT and INSERT. False if it may not."""
    cursor.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    row = cursor.fetchone()
    if not row or not row[0]:
        return False
    cursor.execute("SELECT current_user")
    login = cursor.fetchone()[0]
    if login == OWNER_ROLE:
        return False
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [OWNER_ROLE])
    if cursor.fetchone() is None:
        cursor.execute(f"CREATE ROLE {OWNER_ROLE} NOLOGIN")
    for table in [*tables, CHAIN_TABLE, PG_GUARD_TABLE]:
        cursor.execute(f"ALTER TABLE {table} OWNER TO {OWNER_ROLE}")
        cursor.execute(f'REVOKE ALL ON {table} FROM PUBLIC, "{login}"')
    for table in tables:
        cursor.execute(f'GRANT SELECT, INSERT ON {table} TO "{login}"')
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        if sequence:
            cursor.execute(f'GRANT USAGE, SELECT ON SEQUENCE {sequence} TO "{login}"')
    cursor.execute(f'GRANT SELECT ON {CHAIN_TABLE} TO "{login}"')
    for function in PG_FUNCTIONS:
        cursor.execute(f"ALTER FUNCTION {function} OWNER TO {OWNER_ROLE}")
    return True


def pg_owner_is_separate(connection: Any) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = %s", [ENTRY_TABLE])
        row = cursor.fetchone()
    return bool(row) and row[0] == OWNER_ROLE


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
            for sql in _pg_ddl(schema, tables):
                cursor.execute(sql)
            if not _pg_separate_owner(cursor, tables):
                logger.warning(
                    "审计表仍属于应用的数据库账号：该账号不能创建角色 %s，无法把审计表交给独立的属主。", OWNER_ROLE
                )
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"no audit guard for the {connection.vendor} database")
    backfill_chain(connection)


def _pg_is_superuser(connection: Any) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


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
            cursor.execute(f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_chain ON {ENTRY_TABLE}")
            for function in PG_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}")
            cursor.execute(f"DROP TABLE IF EXISTS {CHAIN_TABLE}, {PG_GUARD_TABLE}")
