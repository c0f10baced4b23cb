"""Background work with a progress bar: what every app's job shares.

An app's job model (the annual report's ReportJob, assessment's ComputeJob) inherits
ProgressJob's fields and declares its own `status` (choices "queued", "running", "done",
"failed", "interrupted", with the app's own wording) and what it works on. Its task
(django-tasks, database backend, `manage.py db_worker`) calls run(), which claims the job
(queued → running, once, however many workers), lets the work report progress, and ends
it done or failed with a sentence for the user. A job queued or running but untouched for
a while (its worker was stopped: kill -9, a restart) is marked interrupted by
interrupt_if_stale() when its page is looked at, so the user may start it again.
The importers' ImportJob (core.importing) has stages of its own and keeps its own steps.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED, INTERRUPTED = "queued", "running", "done", "failed", "interrupted"

Progress = Callable[[int, int], None]


class ProgressJob(models.Model):
    """The steps of one piece of background work (abstract: each app's job adds status and its subject)."""

    RUNNING: tuple[str, ...] = (QUEUED, RUNNING)

    steps_total = models.PositiveIntegerField("总步数", default=1)
    steps_done = models.PositiveIntegerField("已完成步数", default=0)
    message = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField("发起时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    touched_at = models.DateTimeField("最近进展", default=timezone.now)

    status: Any  # declared by each job model, with its own wording of the five states

    class Meta:
        abstract = True

    @property
    def running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        if not self.running:
            return 100
        return min(99, self.steps_done * 100 // max(1, self.steps_total))


J = TypeVar("J", bound=ProgressJob)


def touch(job: ProgressJob, done: int, total: int) -> None:
    """Record how far JOB got (the page's progress bar; the proof its worker is alive)."""
    type(job)._default_manager.filter(pk=job.pk).update(steps_done=done, steps_total=total, touched_at=timezone.now())


def interrupt_if_stale(job: J, *, minutes: int, message: str, now: dt.datetime | None = None) -> J:
    """JOB, marked interrupted with MESSAGE if it is queued or running but untouched for MINUTES."""
    now = now or timezone.now()
    if job.running and (now - job.touched_at).total_seconds() > minutes * 60:
        # (status is each job model's own field: named in a mapping, which the type checker takes)
        type(job)._default_manager.filter(pk=job.pk, touched_at=job.touched_at).update(
            **{"status": INTERRUPTED, "message": message[:300], "finished_at": now}
        )
        job.refresh_from_db()
    return job


def run(job: ProgressJob, work: Callable[[Progress], str], *, failed: str, saves: Sequence[str] = ()) -> str:
    """The worker's side: claim JOB, do WORK(progress) → the sentence for the user, end it done or failed.

    A ValidationError's messages are shown as they are; any other error shows FAILED (the log
    keeps the trace). SAVES names further fields WORK set on JOB (a file drawn). Returns the
    status reached, or "skipped" where another worker had claimed the job.
    """
    now = timezone.now()
    claimed = type(job)._default_manager.filter(**{"pk": job.pk, "status": QUEUED})
    if not claimed.update(**{"status": RUNNING, "started_at": now, "touched_at": now}):
        return "skipped"
    try:
        job.message = work(lambda done, total: touch(job, done, total))
        job.status = DONE
    except Exception as e:  # noqa: BLE001  (the user gets a sentence; the log keeps the trace)
        logger.exception("%s %s failed", type(job).__name__, job.pk)
        job.status = FAILED
        job.message = "；".join(e.messages) if isinstance(e, ValidationError) else failed
    job.message = job.message[:300]
    job.finished_at = timezone.now()
    job.refresh_from_db(fields=["steps_total"])
    job.steps_done = job.steps_total
    fields = ["status", "message", "finished_at", "steps_done", *saves]
    job.save(update_fields=fields)
    return str(job.status)
