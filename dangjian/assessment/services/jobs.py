"""Computing the whole committee's results in the background (django-tasks, database backend,
`manage.py db_worker`, which `make run` starts).

The 计算结果 button records a ComputeJob and enqueues run_compute_job; the results page shows
its progress bar (polled by htmx) and stays usable, the previous results shown meanwhile. One
job at a time per scheme. A failed job leaves the previous results (results_compute writes
its rows in one transaction at the end); a job queued or running but untouched for
`stale_minutes` (its worker was stopped) shows as interrupted and may be started again.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django_tasks import task

from dangjian.core import jobs

from ..errors import ComputeRunning
from ..models import ComputeJob, ResultSet, Scheme
from .common import require_staff
from .compute import _check_computable, results_compute

logger = logging.getLogger(__name__)
FAILED = "计算时发生内部错误，原有结果保持不变；请稍后重试，如仍失败请联系系统管理员。"
STALE = "后台任务已中断：超过{minutes}分钟没有进展（后台任务进程可能未在运行），原有结果保持不变。请重新计算。"
STALE_MINUTES = 10


def interrupt_if_stale(job: ComputeJob, *, now: Any = None) -> ComputeJob:
    return jobs.interrupt_if_stale(job, minutes=STALE_MINUTES, message=STALE.format(minutes=STALE_MINUTES), now=now)


def current_job(scheme: Scheme) -> ComputeJob | None:
    """SCHEME's latest job (its stale state brought up to date), if any."""
    job = ComputeJob.objects.filter(scheme=scheme).select_related("user").order_by("-created_at").first()
    return interrupt_if_stale(job) if job is not None else None


@transaction.atomic
def compute_start(*, scheme: Scheme, by: Any = None) -> ComputeJob:
    """Queue the computation of SCHEME's results (refused at once where computing would be)."""
    require_staff(by, scheme.committee)
    Scheme.objects.select_for_update().filter(pk=scheme.pk).first()  # one start at a time per scheme
    _check_computable(scheme, ResultSet.objects.filter(scheme=scheme).first())
    running = current_job(scheme)
    if running is not None and running.running:
        raise ComputeRunning()
    job = ComputeJob.objects.create(scheme=scheme, user=by if getattr(by, "is_authenticated", False) else None)
    transaction.on_commit(lambda: run_compute_job.enqueue(str(job.pk)))
    return job


@task()
def run_compute_job(job_id: str) -> str:
    """The worker's side: compute the results, telling the job how far it got. Returns the status reached."""
    job = ComputeJob.objects.select_related("scheme__committee", "user").filter(pk=job_id).first()
    if job is None:
        return "missing"

    def work(progress: jobs.Progress) -> str:
        rs = results_compute(scheme=job.scheme, by=job.user, progress=progress)
        return f"已计算 {rs.results.count()} 个党组织的考核结果。"

    return jobs.run(job, work, failed=FAILED)
