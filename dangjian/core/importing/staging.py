"""Keeping an upload between the preview and the confirmation, so what is confirmed is what was previewed."""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils import timezone

from dangjian.core.crypto import file_sha256

from .conf import ImportSettings
from .result import ImportResult

# The defaults; what applies is ImportSettings.current() (settings.DANGJIAN["imports"]).
MAX_UPLOAD_BYTES = ImportSettings.max_upload_bytes
STAGED_MAX_AGE = dt.timedelta(minutes=ImportSettings.staged_max_minutes)
SESSION_KEY = "dangjian_imports"
_ALLOWED_SUFFIX = ".xlsx"


class StagingError(Exception):
    """The upload or its confirmation is refused; the message is a Chinese sentence."""


@dataclass
class Staged:
    token: str
    path: Path
    sha256: str
    name: str


def _upload_dir() -> Path:
    folder = Path(settings.UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_storage() -> Storage:
    """Where uploads wait for their confirmation: settings.STORAGES["imports"] where there is one
    (S3-compatible storage, which the task worker on another server reaches too), else UPLOAD_DIR."""
    if "imports" in settings.STORAGES:
        return storages["imports"]
    return FileSystemStorage(location=_upload_dir())


def staged_file(name: str) -> Path:
    """A file on this machine with the bytes of the staged upload NAME, for the importers to read:
    the upload itself on disk, or a copy fetched from the storage (missing when it is kept no more)."""
    storage, name = upload_storage(), Path(name).name
    if isinstance(storage, FileSystemStorage):
        return Path(storage.path(name))
    # Not on this machine's disk: a copy in UPLOAD_DIR, made once.
    local = _upload_dir() / name
    if not local.exists() and storage.exists(name):
        with storage.open(name, "rb") as source, open(local, "wb") as out:
            shutil.copyfileobj(source, out)
    return local


def remove_staged_file(name: str) -> None:
    """The staged upload NAME, and this machine's copy of it, removed (nothing happens if gone)."""
    name = Path(name).name
    upload_storage().delete(name)
    (_upload_dir() / name).unlink(missing_ok=True)


def _sweep(folder: Path) -> None:
    """Uploads nobody confirmed are removed after a day (and this machine's copies of them)."""
    limit = time.time() - 24 * 3600
    for old in folder.glob("import-*.xlsx"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass
    storage = upload_storage()
    if isinstance(storage, FileSystemStorage):
        return  # the folder above
    try:
        names = storage.listdir("")[1]
        for name in names:
            if name.startswith("import-") and storage.get_modified_time(name).timestamp() < limit:
                storage.delete(name)
    except (NotImplementedError, OSError):
        pass


def stage_upload(session: Any, kind: str, uploaded: Any) -> Staged:
    """Check UPLOADED (size, type), keep it under a random name and remember it in SESSION."""
    name = Path(getattr(uploaded, "name", "") or "").name
    if not name:
        raise StagingError("请选择要导入的 Excel 文件。")
    if not name.lower().endswith(_ALLOWED_SUFFIX):
        raise StagingError(f"只能导入 .xlsx 格式的 Excel 文件，“{name}”不是。")
    cap = ImportSettings.current().max_upload_bytes
    if uploaded.size > cap:
        raise StagingError(f"文件过大（{uploaded.size / 1024 / 1024:.1f} MB），上限为 {cap / 1024 / 1024:g} MB。")
    if uploaded.size == 0:
        raise StagingError("上传的文件是空的。")
    folder = _upload_dir()
    _sweep(folder)
    discard_staged(session, kind)
    token = secrets.token_urlsafe(24)
    # Through the storage (UPLOAD_DIR, or S3 in the production layout: see upload_storage).
    stored = upload_storage().save(f"import-{kind}-{secrets.token_hex(16)}.xlsx", uploaded)
    path = staged_file(stored)
    staged = Staged(token=token, path=path, sha256=file_sha256(path), name=name)
    pending = dict(session.get(SESSION_KEY, {}))
    pending[kind] = {
        "token": token,
        "file": path.name,
        "sha256": staged.sha256,
        "name": name,
        "at": timezone.now().isoformat(),
    }
    session[SESSION_KEY] = pending
    return staged


def take_staged(session: Any, kind: str, token: str) -> Staged:
    """The upload previewed in this session under TOKEN, unchanged since; usable once."""
    pending = dict(session.get(SESSION_KEY, {}))
    entry = pending.pop(kind, None)
    session[SESSION_KEY] = pending
    if not entry or not token or not secrets.compare_digest(str(entry.get("token", "")), str(token)):
        raise StagingError("该导入确认已失效（可能已经导入过，或已重新上传了文件），未导入任何数据。请重新上传文件。")
    path = staged_file(entry["file"])
    at = dt.datetime.fromisoformat(entry["at"])
    limits = ImportSettings.current()
    if timezone.now() - at > limits.staged_max_age:
        remove_staged_file(path.name)
        raise StagingError(f"预览已超过{limits.staged_max_minutes}分钟，确认已失效，未导入任何数据。请重新上传文件。")
    if not path.exists() or file_sha256(path) != entry["sha256"]:
        remove_staged_file(path.name)
        raise StagingError("预览后文件已被更改或已不存在，未导入任何数据。请重新上传文件。")
    return Staged(token=token, path=path, sha256=entry["sha256"], name=entry["name"])


def forget_staged(session: Any, kind: str) -> None:
    """Drop the session's claim on its upload, keeping the file (a background job takes it over)."""
    pending = dict(session.get(SESSION_KEY, {}))
    if pending.pop(kind, None) is not None:
        session[SESSION_KEY] = pending


def discard_staged(session: Any, kind: str) -> None:
    pending = dict(session.get(SESSION_KEY, {}))
    entry = pending.pop(kind, None)
    if entry:
        remove_staged_file(entry["file"])
        session[SESSION_KEY] = pending


# --- The two steps of an import page -----------------------------------------------


def check_upload(request: Any, kind: str, importer: Any, *, start_job: Any = None) -> dict[str, Any]:
    """Keep the uploaded file and check it without writing: the preview's context.

    START_JOB(staged), when given, may hand a big file to the task worker instead:
    it returns the job (the context is then {"job": job}) or None.
    """
    try:
        staged = stage_upload(request.session, kind, request.FILES.get("file"))
    except StagingError as e:
        return {"upload_error": str(e)}
    if start_job is not None:
        job = start_job(staged)
        if job is not None:
            return {"job": job}
    result = importer(staged.path, scope_user=request.user, dry_run=True, file_name=staged.name, request=request)
    if not result.ok:
        discard_staged(request.session, kind)
        return {"result": result}
    return {"result": result, "token": staged.token}


def confirm_upload(request: Any, kind: str, importer: Any) -> ImportResult:
    """Import the file previewed in this session (raises StagingError when stale, replayed or changed)."""
    staged = take_staged(request.session, kind, request.POST.get("token", ""))
    try:
        return importer(
            staged.path, actor=request.user, scope_user=request.user, file_name=staged.name, request=request
        )
    finally:
        remove_staged_file(staged.path.name)
