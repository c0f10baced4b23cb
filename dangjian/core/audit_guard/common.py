"""The names the audit guard's SQL shares (tables, functions, the retention floor) and the
hashed content of an entry; see dangjian.core.audit_guard for the guard and the chain."""

from __future__ import annotations

import hashlib
from typing import Any

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


def _entry_columns(connection: Any, table: str = ENTRY_TABLE) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def sqlite_content(connection: Any, alias: str) -> str:
    """The SQL text of an entry's hashed content (ALIAS.column for every column), SQLite."""
    return "json_array(" + ", ".join(f'{alias}."{c}"' for c in _entry_columns(connection)) + ")"
