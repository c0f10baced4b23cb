"""Backups of the whole platform: the database, the uploaded files and a manifest, in one archive.

    manage.py backup [--output DIR] [--gzip]
    manage.py restore ARCHIVE [--yes]

An archive (`dangjian-YYYYmmdd-HHMMSS.tar`, or `.tar.gz`) holds
- `manifest.json`: format, app version, time, database vendor, the applied migrations, the row
  count of every table, the files and the audit trail's head hash at the moment of the snapshot;
- the database: `database.sqlite3` (SQLite's online backup API: a consistent copy while the
  server runs, WAL mode) or `database.dump` (`pg_dump -Fc` inside an exported snapshot, the same
  one the row counts are taken in);
- `files/media/…` and `files/uploads/…` (MEDIA_ROOT and UPLOAD_DIR).

Restoring refuses an archive from a migration state this code does not know (a newer version),
keeps a safety backup of what it overwrites, loads the database (SQLite: the backup API into the
live file; PostgreSQL: `pg_restore --clean --if-exists --single-transaction`), puts the files
back, checks every table's row count against the manifest, records the restore on the audit
trail (appended to the restored chain) and verifies the chain. PostgreSQL's password goes to
pg_dump and pg_restore through PGPASSWORD, never on the command line.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from . import audit, audit_upkeep
from .models import AuditEntry

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.dump"
FILE_ROOTS = ("media", "uploads")  # settings.MEDIA_ROOT, settings.UPLOAD_DIR


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator, in Chinese."""


@dataclass
class Manifest:
    created_at: str
    vendor: str
    app_version: str
    migrations: list[list[str]]  # [app, name] applied, sorted
    row_counts: dict[str, int]
    files: dict[str, int] = field(default_factory=dict)
    audit_head: str = ""
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            manifest = cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
        except (ValueError, TypeError, KeyError) as e:
            raise BackupError(f"备份清单（{MANIFEST}）无法读取：{e}") from None
        if manifest.format != FORMAT:
            raise BackupError(f"备份格式版本 {manifest.format} 不受支持（本程序只能恢复版本 {FORMAT}）。")
        return manifest


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    sha256: str


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    safety_backup: Path | None
    pending_migrations: list[str]  # known to the code, not applied in the backup: run migrate
    audit_checked: int


def app_version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def default_folder() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def _file_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "uploads": Path(settings.UPLOAD_DIR)}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- taking the snapshot ----------------------------------------------------------------------


def _sqlite_snapshot(using: str, target: Path) -> tuple[list[list[str]], dict[str, int], str]:
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
        return _describe(copy.cursor(), [t for t in tables if not t.startswith("sqlite_")])
    finally:
        copy.close()


def _describe(cursor: Any, tables: list[str]) -> tuple[list[list[str]], dict[str, int], str]:
    counts: dict[str, int] = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = int(cursor.fetchone()[0])
    migrations: list[list[str]] = []
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [[str(app), str(name)] for app, name in cursor.fetchall()]
    head = ""
    from .audit_guard import CHAIN_TABLE

    if CHAIN_TABLE in counts:
        cursor.execute(f"SELECT entry_hash FROM {CHAIN_TABLE} ORDER BY seq DESC LIMIT 1")
        row = cursor.fetchone()
        head = str(row[0]) if row else ""
    return migrations, counts, head


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


def _pg_snapshot(using: str, target: Path) -> tuple[list[list[str]], dict[str, int], str]:
    """pg_dump -Fc inside an exported snapshot; the counts are read in that same snapshot."""
    connection = connections.create_connection(using)  # our own: the caller's may be in a transaction
    try:
        connection.ensure_connection()
        connection.set_autocommit(False)
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = str(cursor.fetchone()[0])
            described = _describe(cursor, _pg_tables(cursor))
            _run(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                pg_environment(using),
                "数据库备份（pg_dump）",
            )
        connection.rollback()
        return described
    finally:
        connection.close()


def _add_files(archive: tarfile.TarFile) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name, root in _file_roots().items():
        counts[name] = 0
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.add(path, arcname=f"files/{name}/{path.relative_to(root).as_posix()}", recursive=False)
                counts[name] += 1
    return counts


def backup_create(*, folder: Path | None = None, gzip: bool = False, using: str = "default") -> BackupResult:
    """Write one archive into FOLDER (default var/backups/) and record it on the audit trail."""
    folder = Path(folder or default_folder())
    folder.mkdir(parents=True, exist_ok=True)
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"不支持备份 {vendor} 数据库（只支持 SQLite 和 PostgreSQL）。")
    now = timezone.now()
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
    final = folder / f"dangjian-{stamp}.tar{'.gz' if gzip else ''}"
    n = 1
    while final.exists():  # two backups in the same second
        n += 1
        final = folder / f"dangjian-{stamp}-{n}.tar{'.gz' if gzip else ''}"
    with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as work:
        db_file = Path(work) / (SQLITE_MEMBER if vendor == "sqlite" else PG_MEMBER)
        snapshot = _sqlite_snapshot if vendor == "sqlite" else _pg_snapshot
        migrations, counts, head = snapshot(using, db_file)
        partial = Path(work) / final.name
        with tarfile.open(partial, "w:gz" if gzip else "w") as archive:
            archive.add(db_file, arcname=db_file.name)
            files = _add_files(archive)
            manifest = Manifest(
                created_at=timezone.localtime(now).isoformat(timespec="seconds"),
                vendor=vendor,
                app_version=app_version(),
                migrations=migrations,
                row_counts=counts,
                files=files,
                audit_head=head,
            )
            raw = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(raw), int(now.timestamp())
            archive.addfile(info, io.BytesIO(raw))
        os.replace(partial, final)  # the archive appears whole or not at all
    digest = _sha256(final)
    audit.record(
        audit.Event.BACKUP,
        target=AuditEntry,
        object_pk="",
        object_repr=f"数据备份 {final.name}",
        data={
            "file": final.name,
            "sha256": digest,
            "tables": len(counts),
            "rows": sum(counts.values()),
            "files": files,
            "audit_head": head,
        },
    )
    return BackupResult(final, manifest, digest)


# --- reading an archive -----------------------------------------------------------------------


@contextmanager
def _opened(path: Path) -> Iterator[tarfile.TarFile]:
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path}")
    try:
        archive = tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError) as e:
        raise BackupError(f"{path.name} 不是有效的备份文件（无法作为 tar 归档读取：{e}）。") from None
    with archive:
        yield archive


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        f = archive.extractfile(name)
    except KeyError:
        f = None
    if f is None:
        raise BackupError(f"备份文件不完整：缺少 {name}。")
    return f.read()


def read_manifest(path: Path) -> Manifest:
    with _opened(Path(path)) as archive:
        return Manifest.from_json(_member(archive, MANIFEST))


def known_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def check_restorable(manifest: Manifest, using: str = "default") -> list[str]:
    """Refuse what cannot be restored here; returns the migrations the backup still lacks."""
    vendor = connections[using].vendor
    if manifest.vendor != vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"该备份来自 {names.get(manifest.vendor, manifest.vendor)} 数据库，"
            f"不能恢复到当前的 {names.get(vendor, vendor)} 数据库。"
        )
    known = known_migrations()
    unknown = sorted(f"{app}.{name}" for app, name in manifest.migrations if (app, name) not in known)
    if unknown:
        shown = "、".join(unknown[:5]) + (f" 等 {len(unknown)} 个" if len(unknown) > 5 else "")
        raise BackupError(
            f"该备份来自更新的版本或未知的迁移状态（程序版本 {manifest.app_version}），"
            f"包含当前程序没有的数据库迁移：{shown}。请先把程序升级到备份时的版本再恢复；未做任何改动。"
        )
    applied = {(app, name) for app, name in manifest.migrations}
    return sorted(f"{app}.{name}" for app, name in known - applied)


def count_rows(tables: list[str], using: str = "default") -> dict[str, int | None]:
    """Row count of each of TABLES now (None for a table that does not exist)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    counts: dict[str, int | None] = {}
    with connection.cursor() as cursor:
        for table in tables:
            if table not in existing:
                counts[table] = None
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
            counts[table] = int(cursor.fetchone()[0])
    return counts


def _safe_members(archive: tarfile.TarFile, prefix: str) -> Iterator[tuple[tarfile.TarInfo, Path]]:
    for info in archive.getmembers():
        if not info.name.startswith(prefix) or not info.isfile():
            continue
        relative = Path(info.name[len(prefix) :])
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(f"备份文件中有不安全的路径：{info.name}，未恢复。")
        yield info, relative


# --- restoring --------------------------------------------------------------------------------


def _sqlite_load(using: str, source: Path) -> None:
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


def _pg_load(using: str, source: Path) -> None:
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("恢复不能在事务中进行。")
    connection.close()  # holds no lock while pg_restore drops and recreates the tables
    env = pg_environment(using)
    listing = _pg_toc(source, env)
    with tempfile.NamedTemporaryFile("w", suffix=".list", encoding="utf-8") as order:
        order.write("\n".join(_partitions_first(listing)) + "\n")
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


def _partitions_first(listing: list[str]) -> list[str]:
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


def _restore_files(archive: tarfile.TarFile) -> None:
    """Each root is replaced whole: the old contents move aside and go only once the new are in."""
    for name, root in _file_roots().items():
        members = list(_safe_members(archive, f"files/{name}/"))
        root.parent.mkdir(parents=True, exist_ok=True)
        incoming = Path(tempfile.mkdtemp(dir=root.parent, prefix=f".restore-{name}-"))
        try:
            for info, relative in members:
                target = incoming / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                f = archive.extractfile(info)
                assert f is not None
                with open(target, "wb") as out:
                    shutil.copyfileobj(f, out)
            old = root.with_name(f".{root.name}-before-restore")
            shutil.rmtree(old, ignore_errors=True)
            if root.exists():
                os.replace(root, old)
            os.replace(incoming, root)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(incoming, ignore_errors=True)


def backup_restore(
    *, path: Path, using: str = "default", safety_backup: bool = True, safety_folder: Path | None = None
) -> RestoreResult:
    """Replace the database and the uploaded files with the archive at PATH (the caller has asked)."""
    path = Path(path)
    with _opened(path) as archive:
        manifest = Manifest.from_json(_member(archive, MANIFEST))
        pending = check_restorable(manifest, using)
        member = SQLITE_MEMBER if manifest.vendor == "sqlite" else PG_MEMBER
        before = audit_upkeep.verify(using)
        kept = backup_create(folder=safety_folder, using=using).path if safety_backup else None
        with tempfile.TemporaryDirectory(prefix="dangjian-restore-") as work:
            db_file = Path(work) / member
            with open(db_file, "wb") as out:
                out.write(_member(archive, member))
            (_sqlite_load if manifest.vendor == "sqlite" else _pg_load)(using, db_file)
        counts = count_rows(list(manifest.row_counts), using)
        wrong = {t: (n, counts[t]) for t, n in manifest.row_counts.items() if counts[t] != n}
        if wrong:
            listed = "；".join(f"{t}：应为 {n} 行，实为 {'无此表' if m is None else m}" for t, (n, m) in wrong.items())
            note = f"上传的文件未恢复。恢复前的数据在 {kept}。" if kept else "上传的文件未恢复。"
            raise BackupError(f"恢复后的行数与备份清单不符（{len(wrong)} 张表）：{listed}。{note}")
        _restore_files(archive)
    for alias in settings.CACHES:
        caches[alias].clear()  # figures cached from the data as it was
    audit.record(
        audit.Event.RESTORE,
        target=AuditEntry,
        object_pk="",
        object_repr=f"数据恢复 {path.name}（备份于 {manifest.created_at[:19]}）",
        data={
            "file": path.name,
            "sha256": _sha256(path),
            "backup_created_at": manifest.created_at,
            "backup_app_version": manifest.app_version,
            "rows": sum(manifest.row_counts.values()),
            "safety_backup": kept.name if kept else None,
            "replaced_audit_head": before.head,
            "replaced_audit_entries": before.checked,
        },
    )
    verdict = audit_upkeep.verify(using)
    if verdict.broken is not None:
        link = verdict.broken
        raise BackupError(f"恢复后审计记录哈希链校验失败：{link.reason}（审计记录 id {link.entry_id}）。")
    return RestoreResult(manifest, kept, pending, verdict.checked)
