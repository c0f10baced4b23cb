"""What both halves of the backups share: the error an operator reads, and the description of a
snapshot (migrations applied, every table's row count, the audit trail's head) read through a cursor."""

from __future__ import annotations

from typing import Any


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Chinese."""


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def describe(cursor: Any, tables: list[str]) -> tuple[list[list[str]], dict[str, int], str]:
    counts: dict[str, int] = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = int(cursor.fetchone()[0])
    migrations: list[list[str]] = []
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [[str(app), str(name)] for app, name in cursor.fetchall()]
    head = ""
    from ..audit_guard import CHAIN_TABLE

    if CHAIN_TABLE in counts:
        cursor.execute(f"SELECT entry_hash FROM {CHAIN_TABLE} ORDER BY seq DESC LIMIT 1")
        row = cursor.fetchone()
        head = str(row[0]) if row else ""
    return migrations, counts, head
