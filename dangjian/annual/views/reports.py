"""The reports: the list, a new draft, the report with its linked figures, editing its words,
freezing and reopening, Word and PDF, and sending it to the publicity workflow."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import escape_uri_path
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import audit, registry, scoping
from dangjian.core.db_router import reading_from_replica
from dangjian.core.web import attach_errors, flash_errors, paginate

from .. import permissions, selectors, services
from ..forms import ReportEditForm, ReportNewForm, ReportSendForm
from ..models import AnnualReport, JobKind
from .common import NAV, require_drafter, require_reader, require_sender


@login_required
def report_list(request: AuthedRequest) -> HttpResponse:
    require_reader(request, "annual:reports")
    items = selectors.reports_for(user=request.user).order_by("-year", "org__path")
    form = ReportNewForm(orgs=scoping.visible_orgs(request.user).order_by("path"))
    return render(request, "annual/report_list.html", {"nav": NAV, "page": paginate(request, items), "form": form})


@login_required
def report_new(request: AuthedRequest) -> HttpResponse:
    require_reader(request, "annual:report_new")
    form = ReportNewForm(request.POST or None, orgs=scoping.visible_orgs(request.user).order_by("path"))
    if request.method == "POST" and form.is_valid():
        org = form.cleaned_data["org"]
        try:
            report = services.report_create(org=org, year=form.cleaned_data["year"], by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已按默认段落起草年度报告，数字实时取自各模块统计。")
            return redirect("annual:report", pk=report.pk)
    return render(request, "annual/report_new.html", {"nav": NAV, "form": form})


@login_required
@reading_from_replica()
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request, pk)
    doc = selectors.document(report)
    return render(
        request,
        "annual/report_detail.html",
        {
            "nav": NAV,
            "report": report,
            "doc": doc,
            "changes": selectors.changes_since_freezing(report),
            "may_draft": permissions.may_draft(request.user, report.org),
            "may_send": permissions.may_send(request.user, report.org),
            "jobs": services.recent_jobs(report),
            "big": services.is_big(report),
        },
    )


@login_required
def report_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request, pk)
    require_drafter(request, report, "edit")
    sections = list(report.sections.all())
    form = ReportEditForm(request.POST or None, sections=sections, initial={"title": report.title})
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(
                report=report, title=form.cleaned_data["title"], sections=form.sections(), by=request.user
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "段落已保存。")
            return redirect("annual:report", pk=report.pk)
    keys = sorted(registry.metrics(), key=lambda m: m.key)
    return render(request, "annual/report_edit.html", {"nav": NAV, "report": report, "form": form, "metrics": keys})


@login_required
@require_POST
def report_freeze(request: AuthedRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request, pk)
    require_drafter(request, report, "freeze")
    if services.is_big(report):
        job = services.job_start(report=report, kind=JobKind.FREEZE, by=request.user)
        return redirect("annual:job", pk=job.pk)
    try:
        services.report_freeze(report=report, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "数据已冻结：报告中的数字及其背后的记录已随报告保存。")
    return redirect("annual:report", pk=report.pk)


@login_required
@require_POST
def report_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request, pk)
    require_drafter(request, report, "reopen")
    try:
        services.report_reopen(report=report, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "已解除冻结，报告中的数字重新实时取数。")
    return redirect("annual:report", pk=report.pk)


@login_required
def report_file(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    report = selectors.report_for(request, pk)
    if kind not in (JobKind.DOCX, JobKind.PDF):
        raise scoping.deny(request, AnnualReport, {"pk": pk, "kind": kind}, exists=False)
    if services.is_big(report):
        job = services.job_start(report=report, kind=kind, by=request.user)
        return redirect("annual:job", pk=job.pk)
    content = services.draw(report, kind, base_url=request.build_absolute_uri("/").rstrip("/"))
    return file_response(request, report, kind, content)


def file_response(request: AuthedRequest, report: AnnualReport, kind: str, content: bytes) -> HttpResponse:
    name = services.file_name(report, kind)
    response = HttpResponse(content, content_type=services.CONTENT_TYPES[kind])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(name)}"
    audit.record(
        audit.Event.EXPORT, request=request, target=report, org=report.org_id, data={"format": kind, "file": name}
    )
    return response


@login_required
def report_send(request: AuthedRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request, pk)
    require_sender(request, report)
    form = ReportSendForm(request.POST or None, columns=services.columns_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_send(report=report, column=form.cleaned_data["column"], by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已报送宣传平台，成为稿件草稿：请在宣传报送中提交审核、发布。")
            return redirect("annual:report", pk=report.pk)
    return render(request, "annual/report_send.html", {"nav": NAV, "report": report, "form": form})
