"""Every write of the annual report, one function per use case.

reports.py   draft, edit the words, freeze the figures, reopen
sending.py   a frozen report becomes an article draft in the publicity workflow
jobs.py      freezing and drawing Word/PDF of a big subtree in the task worker
"""

from .jobs import CONTENT_TYPES, draw, file_name, interrupt_if_stale, is_big, job_start, recent_jobs, run_report_job
from .reports import SectionData, default_title, figure_keys, report_create, report_freeze, report_reopen, report_update
from .sending import article_body, columns_for, may_send, report_send

__all__ = [
    "CONTENT_TYPES",
    "SectionData",
    "article_body",
    "columns_for",
    "default_title",
    "draw",
    "figure_keys",
    "file_name",
    "interrupt_if_stale",
    "is_big",
    "job_start",
    "may_send",
    "recent_jobs",
    "report_create",
    "report_freeze",
    "report_reopen",
    "report_send",
    "report_update",
    "run_report_job",
]
