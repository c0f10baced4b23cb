"""Information reports (信息报送): list, form, page, the steps, and counts against targets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangjian.core import scoping
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import attach_errors, paginate, year_param

from .. import permissions, selectors
from ..conf import PublicitySettings
from ..forms import AdoptForm, CommentForm, InfoReportForm
from ..models import InfoReport, ReportStatus
from ..services import reports as services
from .common import NAV, run_step


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    permissions.require_page(request, "reports", InfoReport)
    status = (request.GET.get("status") or "").strip()
    year = year_param(request.GET, default=0) or None  # blank: every year
    reports = selectors.info_reports_for(user=request.user, status=status, year=year)
    query = "&".join(f"{k}={v}" for k, v in (("status", status), ("year", year or "")) if v)
    return render(
        request,
        "publicity/report_list.html",
        {
            "nav": NAV,
            "tab": "reports",
            "page": paginate(request, reports, PublicitySettings.current().list_page_size),
            "status": status,
            "year": year,
            "statuses": ReportStatus.choices,
            "query": query,
            "is_committee": bool(permissions.paths(request.user, permissions.COMMITTEE)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request, permissions.WRITERS, InfoReport, "publicity:report_new")
    form = InfoReportForm(
        request.POST if request.method == "POST" else None, orgs=permissions.orgs_for(request.user, permissions.WRITERS)
    )
    if form.is_bound and form.is_valid():
        try:
            report = services.info_report_create(by=request.user, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已保存草稿。")
            return redirect("publicity:report", pk=report.pk)
    return render(request, "publicity/report_form.html", {"nav": NAV, "tab": "reports", "form": form, "report": None})


def _for_change(request: HttpRequest, pk: int) -> InfoReport:
    return selectors.info_report_for(request, pk)


def _for_committee(request: HttpRequest, pk: int, action: str) -> InfoReport:
    report = selectors.info_report_for(request, pk)
    if not permissions.is_committee_for(request.user, report.org):
        raise scoping.deny(request, InfoReport, {"pk": pk, "action": action}, exists=True, org=report.org_id)
    return report


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _for_change(request, pk)
    refusal = permissions.record_refusal(request.user, report, "edit")
    if refusal is not None:
        messages.error(request, refusal.text)
        return redirect("publicity:report", pk=report.pk)
    initial = {"org": report.org_id, "title": report.title, "author": report.author, "body": report.body}
    form = InfoReportForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        orgs=permissions.orgs_for(request.user, permissions.WRITERS),
    )
    if form.is_bound and form.is_valid():
        try:
            services.info_report_update(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, "已保存修改。")
            return redirect("publicity:report", pk=report.pk)
    return render(request, "publicity/report_form.html", {"nav": NAV, "tab": "reports", "form": form, "report": report})


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _for_change(request, pk)
    actions = permissions.record_actions(request.user, report)
    context: dict[str, Any] = {
        "nav": NAV,
        "tab": "reports",
        "report": report,
        "steps": services.steps_of(report),
        "can_edit": actions.edit,
        "can_submit": actions.submit,
        "can_review": actions.review,
        "can_adopt": actions.adopt,
        "comment_form": CommentForm(),
        "adopt_form": AdoptForm(),
    }
    return render(request, "publicity/report_detail.html", context)


def _step(request: HttpRequest, report: InfoReport, run: Any, done: str) -> HttpResponse:
    return run_step(request, run, done=done, then=reverse("publicity:report", kwargs={"pk": report.pk}))


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _for_change(request, pk)
    return _step(request, report, lambda: services.submit(record=report, by=request.user), "已提交工委审核。")


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = _for_committee(request, pk, "return")
    comment = request.POST.get("comment", "")
    return _step(
        request, report, lambda: services.return_to_org(record=report, by=request.user, comment=comment), "已退回。"
    )


@login_required
@require_POST
def report_send(request: HttpRequest, pk: int) -> HttpResponse:
    report = _for_committee(request, pk, "send")
    return _step(request, report, lambda: services.send_up(record=report, by=request.user), "已报送上级。")


@login_required
@require_POST
def report_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    report = _for_committee(request, pk, "adopt")
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择采用级别并填写采用日期。")
        return redirect("publicity:report", pk=report.pk)
    d = form.cleaned_data
    return _step(
        request,
        report,
        lambda: services.info_report_adopt(
            report=report, by=request.user, level=d["level"], adopted_on=d["adopted_on"], adopted_in=d["adopted_in"]
        ),
        "已登记上级采用。",
    )


@login_required
@require_GET
def report_targets(request: HttpRequest) -> HttpResponse:
    """Reports sent up per organization in a year, against the configured targets."""
    permissions.require(request, permissions.WRITERS, InfoReport, "publicity:report_targets")
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, InfoReport, {"page": "publicity:report_targets"}, exists=True)
    root, year = org_and_year_from(request, request.GET)
    rows = selectors.target_rows(root=root, year=year) if root else []
    return render(
        request,
        "publicity/report_targets.html",
        {
            "nav": NAV,
            "tab": "reports",
            "root": root,
            "year": year,
            "rows": rows,
            "met": sum(1 for r in rows if r.met),
            "totals": {k: sum(getattr(r, k) for r in rows) for k in ("target", "submitted", "sent", "adopted")},
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        },
    )
