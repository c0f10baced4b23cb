"""Correcting the last step of a case (date, content, files) or withdrawing it, and downloading a case's files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from dangjian.accounts.http import AuthedRequest
from dangjian.core import audit, scoping
from dangjian.core.web import attach_errors

from .. import selectors, services
from ..forms import CorrectForm, WithdrawForm
from ..models import Case, Step
from .common import NAV, case_or_404, require_keeper


def _step_or_404(request: AuthedRequest, case: Case, step_pk: int) -> Step:
    step = case.steps.filter(pk=step_pk).prefetch_related("files").first()
    if step is None:
        raise scoping.deny(request, Step, {"pk": step_pk, "case": case.pk}, exists=False, org=case.org_id)
    return step


@login_required
def step_correct(request: AuthedRequest, pk: int, step_pk: int) -> HttpResponse:
    case = case_or_404(request, pk)
    require_keeper(request, case.org, "step:correct")
    step = _step_or_404(request, case, step_pk)
    files = list(step.files.all())
    initial = {"done_on": step.done_on, "document": step.document, "note": step.note}
    form = CorrectForm(request.POST or None, request.FILES or None, initial=initial, files_on_step=files)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.step_correct(
                step=step, done_on=d["done_on"], note=d["note"], document=d["document"],
                files=d["files"], remove_files=d["remove_files"], by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已更正{case.name}的“{step.get_kind_display()}”。")
            return redirect("admission:case", pk=case.pk)
    return render(
        request,
        "admission/step_correct.html",
        {"nav": NAV, "case": case, "step": step, "form": form, "withdraw": WithdrawForm()},
    )


@login_required
def step_withdraw(request: AuthedRequest, pk: int, step_pk: int) -> HttpResponse:
    case = case_or_404(request, pk)
    require_keeper(request, case.org, "step:withdraw")
    step = _step_or_404(request, case, step_pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.step_withdraw(step=step, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已撤销{case.name}的“{step.get_kind_display()}”（{step.done_on:%Y-%m-%d}）。")
            return redirect("admission:case", pk=case.pk)
    files = list(step.files.all())
    return render(
        request,
        "admission/step_correct.html",
        {
            "nav": NAV, "case": case, "step": step, "withdraw": form,
            "form": CorrectForm(initial={"done_on": step.done_on, "document": step.document, "note": step.note},
                                files_on_step=files),
        },
    )  # fmt: skip


@login_required
@require_GET
def file_download(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """A document of a case, for those who see the case's person (its branch's subtree); audited."""
    item = scoping.get_visible_or_404(request, selectors.visible_files(request.user).select_related("case"), pk=pk)
    audit.record(
        audit.Event.EXPORT, request=request, target=item, org=item.case.org_id,
        data={"case": item.case_id, "person": item.case.name, "file": item.name},
    )  # fmt: skip
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type)
