"""The secretary's yearly report: the form (draft or submit), its file, and 我的述职 (own reports)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors

from .. import permissions, selectors, services
from ..forms import ReportForm
from ..models import ReportStatus, Subject
from .common import NAV


def _subject_or_404(request: AuthedRequest, pk: int) -> Subject:
    """A subject the user oversees, or whose secretary the user is."""
    qs = (selectors.visible_subjects(request.user) | selectors.own_subjects(request.user)).distinct()
    return scoping.get_visible_or_404(request, qs.select_related("round__scope", "org"), pk=pk)


@login_required
def report_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    subject = _subject_or_404(request, pk)
    may_file = permissions.may_file_report(request.user, subject)
    editable = may_file and subject.report_status != ReportStatus.SUBMITTED and subject.round.accepts_ballots()
    form = ReportForm(request.POST or None, request.FILES or None, initial={"text": subject.report_text})
    if request.method == "POST":
        if not editable:
            raise scoping.deny(request, Subject, {"pk": pk, "action": "file"}, exists=True, org=subject.org_id)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                services.report_save(
                    subject=subject, text=form.cleaned_data["text"], upload=form.cleaned_data.get("file"),
                    submit=submit, by=request.user,
                )  # fmt: skip
            except ValidationError as e:
                attach_errors(form, e)
            else:
                messages.success(request, "述职报告已提交。" if submit else "已保存草稿。")
                return redirect("evaluation:report", pk=subject.pk)
    return render(
        request,
        "evaluation/report.html",
        {
            "nav": NAV,
            "subject": subject,
            "form": form,
            "editable": editable,
            "oversees": permissions.sees_evaluation(request.user),
        },  # fmt: skip
    )


@login_required
def report_file(request: AuthedRequest, pk: int) -> FileResponse:
    subject = _subject_or_404(request, pk)
    if not subject.report_file:
        raise Http404("没有附件。")
    return FileResponse(
        subject.report_file.open("rb"), as_attachment=True, filename=subject.report_file_name,
        content_type=subject.report_file_type or "application/octet-stream",
    )  # fmt: skip


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    subjects = selectors.own_subjects(request.user).order_by("-round__year", "-round_id")
    return render(request, "evaluation/mine.html", {"nav": "mine", "subjects": subjects})
