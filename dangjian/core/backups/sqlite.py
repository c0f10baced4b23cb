"""SQLite's half of the backups: the online backup API, both ways (see dangjian.core.backups)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connections

from .common import BackupError, describe


def snapshot(using: str, target: Path) -> tuple[list[list[str]], dict[str, int], str]:
    """Copy the live database to TARGET with the online backup API; migrations, counts and audit
    head are read from the copy, so they describe exactly what was copied."""
    connection = connections[using]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)  # one step: a single consistent read
    finally:
        destination.close()
    copy = sqlite3.connect(target)
    try:
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
        tables = [r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return describe(copy.cursor(), [t for t in tables if not t.startswith("sqlite_")])
    finally:
        copy.close()


def load(using: str, source: Path) -> None:
    connection = connections[using]
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("恢复不能在事务中进行。")
    origin = sqlite3.connect(source)
    try:
        origin.backup(connection.connection)  # page by page into the live file, under its write lock
    except sqlite3.OperationalError as e:
        raise BackupError(f"数据库正被其他进程使用（{e}），未恢复：请先停止网页服务和后台任务进程再恢复。") from None
    finally:
        origin.close()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
