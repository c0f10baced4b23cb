"""Upkeep of the guarded audit trail: lifting the guard for a prune or a flush, pruning, and
verifying the hash chain. The guard itself (triggers, functions, the owner role) is in
dangjian.core.audit_guard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections, transaction

from .audit_guard import (
    CHAIN_TABLE,
    ENTRY_TABLE,
    PG_GUARD_TABLE,
    SQLITE_HASH_FUNCTION,
    _sqlite_guard,
    register_sqlite_functions,
    sqlite_content,
)

# --- lifting it, in one transaction ---------------------------------------------------------


def _sqlite_stamp(moment: dt.datetime) -> str:
    """MOMENT as Django writes a datetime to SQLite (naive UTC text)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


@contextmanager
def lifted_for_prune(cutoff: dt.datetime, using: str = "default") -> Iterator[None]:
    """Inside the caller's transaction: deletes of entries older than CUTOFF are allowed.

    The database refuses a CUTOFF less than 180 days back (PostgreSQL: when arming;
    SQLite: in the triggers). Leaving the block prunes the chain rows of the deleted
    entries and lowers the guard again.
    """
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("lifted_for_prune must run inside transaction.atomic()")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT dangjian_audit_arm_prune(%s)", [cutoff])
        try:
            yield
            with connection.cursor() as cursor:
                cursor.execute("SELECT dangjian_audit_prune_chain()")
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT dangjian_audit_disarm()")
    else:
        with _sqlite_guard(connection, f"prune:{_sqlite_stamp(cutoff)}"):
            yield
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {CHAIN_TABLE} WHERE NOT EXISTS "
                    f"(SELECT 1 FROM {ENTRY_TABLE} e WHERE e.id = {CHAIN_TABLE}.entry_id)"
                )


@contextmanager
def lifted_for_flush(using: str = "default") -> Iterator[None]:
    """For `manage.py flush` only, outside production: the whole trail may go with everything else.

    PostgreSQL: only a superuser (tests, a developer's own cluster) can, by turning
    triggers off for the transaction; the application's login cannot.
    """
    if getattr(settings, "ENVIRONMENT", "") == "production":
        raise PermissionError("生产环境不允许清空审计记录（flush）。")
    connection = connections[using]
    with transaction.atomic(using=using):
        existing = set(connection.introspection.table_names())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                try:
                    with transaction.atomic(using=using):
                        cursor.execute("SET LOCAL session_replication_role = replica")
                except DatabaseError:
                    raise PermissionError("只有数据库超级用户可以清空审计记录（flush）。") from None
                for table in (CHAIN_TABLE, PG_GUARD_TABLE):
                    if table in existing:
                        cursor.execute(f"DELETE FROM {table}")
            try:
                yield
            finally:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        else:
            with _sqlite_guard(connection, "flush"):
                if CHAIN_TABLE in existing:
                    with connection.cursor() as cursor:
                        cursor.execute(f"DELETE FROM {CHAIN_TABLE}")
                yield


def prune_older_than(cutoff: dt.datetime, using: str = "default") -> int:
    """Delete the entries older than CUTOFF (at least 180 days back), in the caller's transaction."""
    from .models import AuditEntry

    connection = connections[using]
    if connection.vendor == "postgresql":
        # One SECURITY DEFINER call: the application's login holds no DELETE on the trail.
        with connection.cursor() as cursor:
            cursor.execute("SELECT dangjian_audit_prune(%s)", [cutoff])
            return int(cursor.fetchone()[0])
    deleted = 0
    old = AuditEntry.objects.using(using).filter(timestamp__lt=cutoff)
    with lifted_for_prune(cutoff, using):
        while True:
            ids = list(old.order_by("pk").values_list("pk", flat=True)[:5000])
            if not ids:
                break
            # Nothing refers to entries, so this is one plain DELETE; the trigger checks each row.
            deleted += AuditEntry.objects.using(using).filter(pk__in=ids).delete()[0]
    return deleted


# --- verifying the chain ----------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenLink:
    seq: int | None
    entry_id: int | None
    reason: str


@dataclass(frozen=True)
class Verdict:
    checked: int
    head: str
    broken: BrokenLink | None


def verify(using: str = "default") -> Verdict:
    """Walk the chain oldest first; the first link that does not hold, or None."""
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        register_sqlite_functions(connection=connection)
        expected = f"{SQLITE_HASH_FUNCTION}(c.prev_hash || '|' || {sqlite_content(connection, 'e')})"
    else:
        expected = "dangjian_audit_row_hash(c.prev_hash, e)"
    checked, previous, head = 0, None, ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.id FROM {ENTRY_TABLE} e LEFT JOIN {CHAIN_TABLE} c ON c.entry_id = e.id "
            "WHERE c.entry_id IS NULL ORDER BY e.id LIMIT 1"
        )
        unchained = cursor.fetchone()
        cursor.execute(
            f"SELECT c.seq, c.entry_id, c.prev_hash, c.entry_hash, e.id, {expected} "
            f"FROM {CHAIN_TABLE} c LEFT JOIN {ENTRY_TABLE} e ON e.id = c.entry_id ORDER BY c.seq"
        )
        for seq, entry_id, prev_hash, entry_hash, found, recomputed in cursor:
            if previous is not None and prev_hash != previous:
                return Verdict(checked, head, BrokenLink(seq, entry_id, "前一条记录缺失或被改动（链接不符）"))
            if found is None:
                return Verdict(checked, head, BrokenLink(seq, entry_id, "记录已被删除"))
            if recomputed != entry_hash:
                return Verdict(checked, head, BrokenLink(seq, entry_id, "记录内容被改动（哈希不符）"))
            previous = head = entry_hash
            checked += 1
    if unchained is not None:
        return Verdict(checked, head, BrokenLink(None, unchained[0], "记录不在哈希链上（绕过触发器写入）"))
    return Verdict(checked, head, None)
