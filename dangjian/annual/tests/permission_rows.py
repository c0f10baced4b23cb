"""Every annual-report route as each named user sees it (see dangjian.core.permission_matrix).

prepare() drafts a report of A (the finance bureau's party committee) and a finished Word job
for it. Committee staff and A's administrator work on it; B's administrator sees the list (of B,
empty) but nothing of A; members, outsiders and the three administrators get a recorded 404.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from dangjian.annual import services
from dangjian.annual.models import JobKind, JobStatus, ReportJob
from dangjian.core.permission_matrix import IN_A, STAFF_AND_ADMINS, api, page

IN_A_POST = {"staff": 302, "admin_a": 302}


def prepare(case: Any) -> dict[str, object]:
    w = case.w
    report = services.report_create(org=w.org_a, year=timezone.localdate().year - 1, by=w.staff)
    job = ReportJob.objects.create(
        report=report, kind=JobKind.DOCX, user=w.staff, status=JobStatus.DONE, output=b"PK", file_name="a.docx"
    )
    return {"a_report": report.pk, "a_job": job.pk}


R = "/annual/{a_report}"
ROWS = {
    "annual:reports": page("/annual/", **STAFF_AND_ADMINS),
    "annual:report_new": page("/annual/new/", **STAFF_AND_ADMINS),
    "annual:report": page(f"{R}/", **IN_A),
    "annual:report_edit": page(f"{R}/edit/", **IN_A),
    "annual:report_freeze": page(f"{R}/freeze/", method="POST", **IN_A_POST),
    "annual:report_reopen": page(f"{R}/reopen/", method="POST", **IN_A_POST),
    "annual:report_send": page(f"{R}/send/", **IN_A),
    "annual:report_file": page(f"{R}/file/docx/", **IN_A),
    "annual:job": page("/annual/jobs/{a_job}/", **IN_A),
    "annual:job_download": page("/annual/jobs/{a_job}/download/", **IN_A),
    "annual:records_sent": page("/annual/records/sent/", **STAFF_AND_ADMINS),
    "api-v1:annual_reports": api("/api/v1/annual/reports", **STAFF_AND_ADMINS),
    "api-v1:annual_report": api("/api/v1/annual/reports/{a_report}", **IN_A),
}
