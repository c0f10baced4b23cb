"""One case: receiving an application, the case with its steps and what is due, recording a step."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors
from dangjian.people.models import Status
from dangjian.people.selectors.for_apps import pickable_people

from .. import permissions, selectors, services
from ..forms import CaseForm, step_form
from ..models import Case, StepKind
from .common import NAV, case_or_404, require_keeper, require_overseer


@login_required
def case_new(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, Case, "admission:case_new")
    branches = selectors.visible_branches(request.user)
    initial: dict[str, object] = {"applied_on": timezone.localdate(), "ethnicity": "汉族"}
    code = request.GET.get("org", "").strip()
    if code:
        initial["org"] = scoping.get_visible_or_404(request, branches, code=code)
    form = CaseForm(request.POST or None, request.FILES or None, branches=branches, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(**form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已受理{case.name}的入党申请。")
            return redirect("admission:case", pk=case.pk)
    return render(request, "admission/case_form.html", {"nav": NAV, "form": form})


@login_required
def case_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    case = case_or_404(request, pk)
    steps = list(selectors.case_steps(case))
    today = timezone.localdate()
    return render(
        request,
        "admission/case_detail.html",
        {
            "nav": NAV,
            "case": case,
            "steps": steps,
            "dues": selectors.dues_of(case, [(s.kind, s.done_on) for s in steps], today),
            "contacts": selectors.contacts_of(steps),
            "sponsors": selectors.sponsors_of(steps),
            "available": [(k, StepKind(k).label) for k in selectors.available_steps(case, steps)],
            "can_keep": permissions.keeps_cases_of(request.user, case.org),
            "last": steps[-1] if steps else None,
            "application_files": [f for f in case.files.all() if f.step_id is None],
            "withdrawals": list(case.withdrawals.select_related("withdrawn_by")),
        },
    )


@login_required
def step_new(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    case = case_or_404(request, pk)
    require_keeper(request, case.org, f"step:{kind}")
    if kind not in StepKind.values:
        raise scoping.deny(request, Case, {"pk": pk, "kind": kind}, exists=False, org=case.org_id)
    people = pickable_people(request.user, org=case.org, statuses=(Status.FULL,))
    form = step_form(
        kind, request.POST or None, request.FILES or None, people=people, initial={"done_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            step = services.step_record(
                case=case, kind=kind, done_on=form.cleaned_data["done_on"], data=form.step_data(),
                files=form.cleaned_data["files"], by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已记录{case.name}：{step}。")
            return redirect("admission:case", pk=case.pk)
    return render(
        request,
        "admission/step_form.html",
        {"nav": NAV, "case": case, "form": form, "title": StepKind(kind).label},
    )
