"""Big subtrees in the background: freezing and drawing Word or PDF run in the task worker.

A subtree of more organizations than AnnualSettings.background_orgs is not frozen or drawn
inside the request: a ReportJob is recorded and run_report_job enqueued (django-tasks,
database backend, `manage.py db_worker`, which `make run` starts). The job's page shows a
progress bar and, once done, the file to download; the report's page lists its recent jobs,
so the user can come back to it. A job queued or running but untouched for
`stale_minutes` (its worker was stopped) shows as interrupted; freezing writes in one
transaction, so nothing half-frozen is left.
"""

from __future__ import annotations

import logging
from typing import Any

from django_tasks import task

from dangjian.core import jobs, scoping

from ..conf import AnnualSettings
from ..models import AnnualReport, JobKind, ReportJob
from ..pdf import report_pdf
from ..selectors.figures import document
from .reports import report_freeze

logger = logging.getLogger(__name__)
FAILED = "生成时发生内部错误，请稍后重试；如仍失败请联系系统管理员。"
STALE = "后台任务已中断：超过{minutes}分钟没有进展（后台任务进程可能未在运行）。请重新发起。"
CONTENT_TYPES: dict[str, str] = {
    JobKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    JobKind.PDF: "application/pdf",
}


def is_big(report: AnnualReport) -> bool:
    """Whether REPORT's subtree is big enough for the task worker."""
    orgs = scoping.in_subtree(type(report.org).objects.all(), report.org, "").count()
    return orgs > AnnualSettings.current().background_orgs


def file_name(report: AnnualReport, kind: str) -> str:
    return f"{report.title}.{'docx' if kind == JobKind.DOCX else 'pdf'}"


def draw(report: AnnualReport, kind: str, *, base_url: str = "") -> bytes:
    """The report as a Word file or a PDF (at once: the synchronous path of small subtrees)."""
    from ..word import report_docx  # python-docx (lxml) only in the process that draws a file

    doc = document(report)
    return report_docx(doc) if kind == JobKind.DOCX else report_pdf(doc, base_url=base_url)


def job_start(*, report: AnnualReport, kind: str, by: Any) -> ReportJob:
    """Queue KIND for REPORT in the task worker (freezing checks the report is a draft when it runs)."""
    job = ReportJob.objects.create(report=report, kind=kind, user=by, steps_total=2)
    run_report_job.enqueue(str(job.pk))
    return job


def interrupt_if_stale(job: ReportJob) -> ReportJob:
    minutes = AnnualSettings.current().stale_minutes
    return jobs.interrupt_if_stale(job, minutes=minutes, message=STALE.format(minutes=minutes))


def recent_jobs(report: AnnualReport, limit: int = 5) -> list[ReportJob]:
    """REPORT's latest jobs for its page, a dead worker's shown as interrupted (so the user starts again)."""
    return [interrupt_if_stale(job) for job in report.jobs.order_by("-created_at")[:limit]]


@task()
def run_report_job(job_id: str) -> str:
    """The worker's side: freeze the report, or draw its Word file or PDF. Returns the status reached."""
    job = ReportJob.objects.select_related("report__org", "user").filter(pk=job_id).first()
    if job is None:
        return "missing"

    def work(progress: jobs.Progress) -> str:
        if job.kind == JobKind.FREEZE:
            report_freeze(report=job.report, by=job.user, progress=progress)
            return "数据已冻结。"
        progress(1, 2)
        job.output = draw(job.report, job.kind)
        job.file_name = file_name(job.report, job.kind)
        return "文件已生成。"

    return jobs.run(job, work, failed=FAILED, saves=("output", "file_name"))
