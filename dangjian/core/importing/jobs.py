"""Big imports as background work: the task worker checks, then (once confirmed) imports the file.

A file with more rows than `ImportSettings.background_rows` (estimated from the
sheet without reading a cell) is not checked inside the request: the upload is
kept, an `ImportJob` recorded and `run_import_job` enqueued (django-tasks,
database backend: `manage.py db_worker`, which `make run` starts). The page
polls the job's status (rows read of about how many) and then shows the
preview, with the errors per row and an error report to download. Confirming
enqueues the same job again to import: the importer checks every row once more
and writes all of them or none, in one transaction, and records the import in
the audit trail like a web import, under the uploader and their address.

A worker that is killed leaves its job "running" for ever; so the worker touches
the job as it reads (`touched_at`), and a job queued or running but untouched for
`ImportSettings.stale_minutes` is interrupted when its page is looked at
(`interrupt_if_stale`): it says so in Chinese, nothing was written (a killed
transaction is rolled back) and the user uploads the file again.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from dangjian.accounts.http import AuthedRequest
from dangjian.core.crypto import file_sha256

from .. import audit
from ..excel import ExcelReadError
from .conf import ImportSettings
from .models import ImportJob
from .result import Change, ImportResult, RowError
from .staging import Staged, StagingError, forget_staged, remove_staged_file, staged_file
from .workbook import check_archive, estimate_rows

logger = logging.getLogger(__name__)
Status = ImportJob.Status
INTERNAL_ERROR = "导入时发生内部错误，未导入任何数据。请稍后重试；如仍失败请联系系统管理员。"
RECENT_JOBS = 5  # listed on the import page
NEVER_STARTED = (
    "后台导入已中断：排队超过{minutes}分钟仍未开始（后台任务进程可能未在运行），未导入任何数据。"
    "请重新上传文件；如仍如此，请联系系统管理员检查后台任务进程。"
)
STOPPED = (
    "后台导入已中断：超过{minutes}分钟没有进展（后台任务进程可能已被停止），未导入任何数据。"
    "请重新上传文件再导入；如仍如此，请联系系统管理员。"
)


class JobInterrupted(Exception):
    """Raised in the worker when its job was interrupted meanwhile: it stops reading and writes nothing."""


def _path(job: ImportJob) -> Path:
    """A file on this machine with the job's upload (the worker may run on another server)."""
    return staged_file(job.stored_as)


def importer_path(importer: Any) -> str:
    return f"{importer.__module__}.{importer.__qualname__}"


# --- the outcome, kept on the job ------------------------------------------------------


def result_to_json(result: ImportResult) -> dict[str, Any]:
    """What the job's page shows: the counts, every error, and the preview's first changes."""
    preview = result.preview
    return {
        "kind": result.kind,
        "file_name": result.file_name,
        "dry_run": result.dry_run,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "extra": result.extra,
        "seconds": result.seconds,
        "errors": [[e.row, e.column, e.message] for e in result.errors],
        "changes": [[c.row, c.action, c.key, c.label, c.fields] for c in preview],
        "change_count": len(result.changes),
    }


def result_from_json(data: dict[str, Any]) -> ImportResult | None:
    if not data:
        return None
    result = ImportResult(
        kind=data["kind"],
        file_name=data["file_name"],
        dry_run=data["dry_run"],
        created=data["created"],
        updated=data["updated"],
        unchanged=data["unchanged"],
        extra=data["extra"],
        seconds=data["seconds"],
        errors=[RowError(row, column, message) for row, column, message in data["errors"]],
        changes=[Change(row, action, key, label, fields) for row, action, key, label, fields in data["changes"]],
    )
    result.change_count = data["change_count"]
    return result


# --- starting, confirming, running ------------------------------------------------------


def start_if_big(*, request: AuthedRequest, kind: str, importer: Any, staged: Staged) -> ImportJob | None:
    """A queued job for STAGED when it has more rows than a request should check; else None.

    A file whose archive is refused stays with the ordinary check, which reports why.
    """
    try:
        check_archive(staged.path)
    except ExcelReadError:
        return None
    prune_finished_jobs()
    rows = max(0, estimate_rows(staged.path) - 1)  # less the header row
    if rows <= ImportSettings.current().background_rows:
        return None
    forget_staged(request.session, kind)  # the job owns the file from now on
    job = ImportJob.objects.create(
        kind=kind,
        importer=importer_path(importer),
        user=request.user,
        remote_addr=audit.client_address(request),
        file_name=staged.name,
        stored_as=staged.path.name,
        sha256=staged.sha256,
        rows_total=rows,
    )
    run_import_job.enqueue(str(job.pk))
    return job


def confirm_job(*, job: ImportJob) -> None:
    """Import the file the job checked (raises StagingError when it may no longer be)."""
    limits = ImportSettings.current()
    if job.status != Status.CHECKED:
        raise StagingError("该导入确认已失效（可能已经导入过），未导入任何数据。请重新上传文件。")
    assert job.checked_at is not None
    path = _path(job)
    if timezone.now() - job.checked_at > limits.staged_max_age:
        _finish(job, Status.FAILED, None, message=f"预览已超过{limits.staged_max_minutes}分钟，确认已失效。")
        remove_staged_file(job.stored_as)  # the roster it holds is kept no longer than needed
        raise StagingError(f"预览已超过{limits.staged_max_minutes}分钟，确认已失效，未导入任何数据。请重新上传文件。")
    if not path.exists() or file_sha256(path) != job.sha256:
        _finish(job, Status.FAILED, None, message="预览后文件已被更改或已不存在。")
        remove_staged_file(job.stored_as)
        raise StagingError("预览后文件已被更改或已不存在，未导入任何数据。请重新上传文件。")
    now = timezone.now()
    # Claimed in one statement: of two confirmations sent at once, only one queues the import.
    if not ImportJob.objects.filter(pk=job.pk, status=Status.CHECKED).update(
        status=Status.CONFIRMED, confirmed_at=now, rows_done=0, touched_at=now
    ):
        raise StagingError("该导入确认已失效（可能已经导入过），未导入任何数据。请重新上传文件。")
    job.status, job.confirmed_at, job.rows_done, job.touched_at = Status.CONFIRMED, now, 0, now
    run_import_job.enqueue(str(job.pk))


@task()
def run_import_job(job_id: str) -> str:
    """The worker's side: check a queued job, or import a confirmed one. Returns the status reached."""
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.status == Status.QUEUED:
        _run(job, dry_run=True)
    elif job.status == Status.CONFIRMED:
        _run(job, dry_run=False)
    job.refresh_from_db(fields=["status"])
    return str(job.status)


def interrupt_if_stale(job: ImportJob) -> ImportJob:
    """JOB, marked interrupted if it is queued or running but its worker has not touched it for too long."""
    limits = ImportSettings.current()
    if not job.running or timezone.now() - job.touched_at <= limits.stale_after:
        return job
    waiting = job.status in (Status.QUEUED, Status.CONFIRMED)
    # Only if untouched since it was read: a worker that touched it meanwhile keeps it.
    claimed = ImportJob.objects.filter(pk=job.pk, status=job.status, touched_at=job.touched_at).update(
        status=Status.INTERRUPTED, touched_at=timezone.now()
    )
    if not claimed:
        job.refresh_from_db()
        return job
    logger.warning("background import %s interrupted: untouched since %s (%s)", job.pk, job.touched_at, job.status)
    message = (NEVER_STARTED if waiting else STOPPED).format(minutes=limits.stale_minutes)
    _finish(job, Status.INTERRUPTED, None, message=message)
    remove_staged_file(job.stored_as)
    audit.record(
        audit.Event.IMPORT_INTERRUPTED,
        actor=job.user,
        target=job,
        object_repr=str(job),
        data={"kind": job.kind, "was": "queued" if waiting else "running", "rows_done": job.rows_done},
    )
    return job


FINISHED = (Status.DONE, Status.FAILED, Status.INTERRUPTED)


def prune_finished_jobs(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Delete jobs finished more than DAYS days ago (default `finished_keep_days`); returns how many went.

    A job's outcome names people (masked IDs, errors per row): it is kept no longer than needed.
    """
    keep = dt.timedelta(days=days) if days is not None else ImportSettings.current().finished_keep
    old = ImportJob.objects.filter(status__in=FINISHED, finished_at__lt=(now or timezone.now()) - keep)
    for job in old:
        remove_staged_file(job.stored_as)
    deleted, _ = old.delete()
    return deleted


def _touch(job: ImportJob, **fields: Any) -> None:
    """The worker's heartbeat; raises JobInterrupted when the job was interrupted meanwhile."""
    if not ImportJob.objects.filter(pk=job.pk, status=job.status).update(touched_at=timezone.now(), **fields):
        raise JobInterrupted(str(job.pk))


def _run(job: ImportJob, *, dry_run: bool) -> None:
    running = Status.CHECKING if dry_run else Status.WRITING
    waiting = Status.QUEUED if dry_run else Status.CONFIRMED
    if not ImportJob.objects.filter(pk=job.pk, status=waiting).update(status=running, touched_at=timezone.now()):
        return  # interrupted while it waited for the worker
    job.status = running
    path = _path(job)

    def progress(done: int) -> None:
        _touch(job, rows_done=done)

    try:
        if not path.exists() or file_sha256(path) != job.sha256:
            _finish(job, Status.FAILED, None, message="上传的文件已不存在或已被更改，请重新上传。")
            return
        importer = import_string(job.importer)
        result = importer(
            path,
            actor=None if dry_run else job.user,
            scope_user=job.user,
            dry_run=dry_run,
            file_name=job.file_name,
            progress=progress,
            remote_addr=job.remote_addr,
        )
    except JobInterrupted:
        logger.warning("background import %s was interrupted while it ran: stopped, nothing written", job.pk)
        return
    except Exception:  # noqa: BLE001  (whatever went wrong, the user gets a sentence and nothing is written)
        logger.exception("background import %s failed", job.pk)
        _finish(job, Status.FAILED, None, message=INTERNAL_ERROR)
        remove_staged_file(job.stored_as)
        return
    if not result.ok:
        _finish(job, Status.FAILED, result)
        remove_staged_file(job.stored_as)
    elif dry_run:
        job.checked_at = timezone.now()
        _finish(job, Status.CHECKED, result)
    else:
        _finish(job, Status.DONE, result)
        remove_staged_file(job.stored_as)


def _finish(job: ImportJob, status: str, result: ImportResult | None, *, message: str = "") -> None:
    if result is None:
        result = ImportResult(kind=job.kind, file_name=job.file_name, dry_run=True)
        result.error(None, "", message)
    job.status = status
    job.outcome = result_to_json(result)
    if status != Status.CHECKED:
        job.finished_at = timezone.now()
    job.save(update_fields=["status", "outcome", "checked_at", "finished_at"])
