"""PostgreSQL's half of the backups: pg_dump inside an exported snapshot, pg_restore with the
partitions' keys and indexes put in the order `--clean` can drop them (see dangjian.core.backups).
The password goes to pg_dump and pg_restore through PGPASSWORD, never on the command line."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.db import connections

from .common import BackupError, describe


def pg_environment(using: str = "default") -> dict[str, str]:
    """The environment for pg_dump and pg_restore: the connection's settings as PG* variables."""
    conf = connections[using].settings_dict
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if conf.get(key):
            env[var] = str(conf[key])
    env["PGDATABASE"] = str(conf["NAME"])
    sslmode = (conf.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _pg_tables(cursor: Any) -> list[str]:
    """Ordinary and partitioned tables of the current schema (a partition counts within its parent)."""
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
        "ORDER BY c.relname"
    )
    return [str(r[0]) for r in cursor.fetchall()]


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"找不到 {command[0]}：请安装 PostgreSQL 客户端（与服务器同版本或更新）。") from None
    if done.returncode != 0:
        raise BackupError(f"{what}失败（{command[0]} 退出码 {done.returncode}）：{done.stderr.strip()[-2000:]}")


def snapshot(using: str, target: Path) -> tuple[list[list[str]], dict[str, int], str]:
    """pg_dump -Fc inside an exported snapshot; the counts are read in that same snapshot."""
    connection = connections.create_connection(using)  # our own: the caller's may be in a transaction
    try:
        connection.ensure_connection()
        connection.set_autocommit(False)
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            exported = str(cursor.fetchone()[0])
            described = describe(cursor, _pg_tables(cursor))
            _run(
                ["pg_dump", "--format=custom", f"--snapshot={exported}", f"--file={target}"],
                pg_environment(using),
                "数据库备份（pg_dump）",
            )
        connection.rollback()
        return described
    finally:
        connection.close()


def load(using: str, source: Path) -> None:
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("恢复不能在事务中进行。")
    connection.close()  # holds no lock while pg_restore drops and recreates the tables
    env = pg_environment(using)
    listing = _pg_toc(source, env)
    with tempfile.NamedTemporaryFile("w", suffix=".list", encoding="utf-8") as order:
        order.write("\n".join(partitions_first(listing)) + "\n")
        order.flush()
        _run(
            ["pg_restore", "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
             f"--use-list={order.name}", f"--dbname={connection.settings_dict['NAME']}", str(source)],
            env,
            "数据库恢复（pg_restore）",
        )  # fmt: skip


def _pg_toc(source: Path, env: dict[str, str]) -> list[str]:
    try:
        done = subprocess.run(["pg_restore", "--list", str(source)], env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError("找不到 pg_restore：请安装 PostgreSQL 客户端（与服务器同版本或更新）。") from None
    if done.returncode != 0:
        raise BackupError(f"读取备份目录（pg_restore --list）失败：{done.stderr.strip()[-2000:]}")
    return done.stdout.splitlines()


def partitions_first(listing: list[str]) -> list[str]:
    """The archive's table of contents with the partitions' keys and indexes moved before the others'.

    `--clean` drops in the reverse order of the restore; a partition's primary key or index still
    attached to its parent's cannot be dropped on its own (the audit trail is partitioned by year),
    whereas dropping the parent's takes the partitions' with it. So the parents' come last in the
    restore, first in the clean-up; the INDEX ATTACH entries still come after both.
    """

    def entry(line: str) -> tuple[str, list[str]] | None:
        # "1234; 2606 16789 CONSTRAINT public core_auditentry_y2026 core_auditentry_y2026_pkey owner"
        if not line or line.startswith(";"):
            return None
        words = line.split(";", 1)[1].split()
        for kind in ("TABLE ATTACH", "INDEX ATTACH", "CONSTRAINT", "INDEX"):
            if " ".join(words[2 : 2 + len(kind.split())]) == kind:
                return kind, words[2 + len(kind.split()) + 1 :]  # after the kind and the schema
        return None

    parsed = [entry(line) for line in listing]
    partitions = {e[1][0] for e in parsed if e and e[0] == "TABLE ATTACH" and e[1]}
    partition_indexes = {e[1][0] for e in parsed if e and e[0] == "INDEX ATTACH" and e[1]}

    def of_a_partition(e: tuple[str, list[str]] | None) -> bool:
        if e is None or not e[1]:
            return False
        if e[0] == "CONSTRAINT":
            return e[1][0] in partitions
        return e[0] == "INDEX" and e[1][0] in partition_indexes

    moved = [line for line, e in zip(listing, parsed, strict=True) if of_a_partition(e)]
    if not moved:
        return listing
    rest = [(line, e) for line, e in zip(listing, parsed, strict=True) if not of_a_partition(e)]
    first = next((i for i, (_, e) in enumerate(rest) if e and e[0] in ("CONSTRAINT", "INDEX")), len(rest))
    lines = [line for line, _ in rest]
    return lines[:first] + moved + lines[first:]
