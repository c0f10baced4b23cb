"""Backups of the whole platform: the database, the uploaded files and a manifest, in one archive.

    manage.py backup [--output DIR] [--gzip]
    manage.py restore ARCHIVE [--yes]

An archive (`dangjian-YYYYmmdd-HHMMSS.tar`, or `.tar.gz`) holds
- `manifest.json`: format, app version, time, database vendor, the applied migrations, the row
  count of every table, the files and the audit trail's head hash at the moment of the snapshot;
- the database: `database.sqlite3` (SQLite's online backup API: a consistent copy while the
  server runs, WAL mode; `sqlite.py`) or `database.dump` (`pg_dump -Fc` inside an exported
  snapshot, the same one the row counts are taken in; `postgres.py`);
- `files/media/…` and `files/uploads/…` (MEDIA_ROOT and UPLOAD_DIR).

Restoring refuses an archive from a migration state this code does not know (a newer version),
keeps a safety backup of what it overwrites, loads the database (SQLite: the backup API into the
live file; PostgreSQL: `pg_restore --clean --if-exists --single-transaction`), puts the files
back, checks every table's row count against the manifest, records the restore on the audit
trail (appended to the restored chain) and verifies the chain. PostgreSQL's password goes to
pg_dump and pg_restore through PGPASSWORD, never on the command line.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from dangjian.core.crypto import file_sha256

from .. import audit, audit_upkeep
from ..models import AuditEntry
from . import postgres, sqlite
from .common import BackupError, quote
from .postgres import pg_environment

__all__ = [
    "BackupError",
    "BackupResult",
    "Manifest",
    "RestoreResult",
    "app_version",
    "backup_create",
    "backup_restore",
    "check_restorable",
    "count_rows",
    "default_folder",
    "known_migrations",
    "pg_environment",
    "read_manifest",
]

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.dump"
FILE_ROOTS = ("media", "uploads")  # settings.MEDIA_ROOT, settings.UPLOAD_DIR


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


# --- taking the snapshot ----------------------------------------------------------------------


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
        snapshot = sqlite.snapshot if vendor == "sqlite" else postgres.snapshot
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
    digest = file_sha256(final)
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
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
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
            (sqlite.load if manifest.vendor == "sqlite" else postgres.load)(using, db_file)
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
            "sha256": file_sha256(path),
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
