"""A background job's page: the progress bar (polled by htmx) and, once done, its file or its report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping

from .. import selectors, services
from ..models import JobStatus, ReportJob
from .common import NAV
from .reports import file_response


@login_required
def job_detail(request: AuthedRequest, pk: str) -> HttpResponse:
    job = services.interrupt_if_stale(selectors.job_for(request, pk))
    template = "annual/_job_status.html" if request.headers.get("HX-Request") else "annual/job_detail.html"
    return render(
        request,
        template,
        {"nav": NAV, "job": job, "report": job.report, "status_url": reverse("annual:job", args=[job.pk])},
    )


@login_required
def job_download(request: AuthedRequest, pk: str) -> HttpResponse:
    job = selectors.job_for(request, pk)
    if job.status != JobStatus.DONE or not job.output:
        raise scoping.deny(request, ReportJob, {"pk": pk, "action": "download"}, exists=True, org=job.report.org_id)
    return file_response(request, job.report, job.kind, bytes(job.output))
