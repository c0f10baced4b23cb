"""Rounds: the list, starting one, a round with its secretaries and (once over) the tally,
closing, the evaluators with their personal links, and the printable QR slips."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import audit, scoping
from dangjian.core.web import attach_errors, flash_errors, paginate

from .. import permissions, selectors, services
from ..forms import EvaluatorsForm, RoundForm
from ..models import Evaluator, Round
from .common import NAV, require_overseer, round_or_404


@login_required
def round_list(request: AuthedRequest) -> HttpResponse:
    require_overseer(request, "evaluation:rounds")
    services.close_due_rounds()
    rounds = selectors.visible_rounds(request.user).select_related("scope")
    return render(
        request,
        "evaluation/round_list.html",
        {"nav": NAV, "page": paginate(request, rounds), "can_run": permissions.runs_evaluation(request.user)},
    )


@login_required
def round_new(request: AuthedRequest) -> HttpResponse:
    if not permissions.runs_evaluation(request.user):
        raise scoping.deny(request, Round, {"page": "evaluation:round_new"}, exists=True)
    scopes = selectors.scope_choices(request.user)
    today = timezone.localdate()
    form = RoundForm(
        request.POST or None,
        scopes=scopes,
        initial={
            "scope": scopes.first(), "year": today.year, "title": f"{today.year}年度基层党组织书记抓党建述职评议",
            "deadline": timezone.localtime() + dt.timedelta(days=14),
        },
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(**form.cleaned_data, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            listed = round_.subjects.count()
            left = selectors.reporting_orgs(round_.scope).count() - listed
            note = f"；{left} 个党组织没有在任书记，未列入" if left else ""
            messages.success(request, f"已发起“{round_.title}”，共 {listed} 名书记述职{note}。")
            return redirect("evaluation:round_detail", pk=round_.pk)
    return render(request, "evaluation/round_form.html", {"nav": NAV, "form": form})


@login_required
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    services.close_due_rounds()
    round_ = round_or_404(request, pk)
    runs = permissions.runs_for(request.user, round_.scope)
    subjects = list(
        selectors.visible_subjects(request.user).filter(round=round_).select_related("org").order_by("position")
    )
    over = selectors.is_over(round_)
    found = selectors.results(round_, subjects) if over else {}
    cast, named = selectors.turnout(round_)
    rows = [(s, found.get(s.pk)) for s in subjects]
    return render(
        request,
        "evaluation/round_detail.html",
        {
            "nav": NAV, "round": round_, "rows": rows, "over": over, "runs": runs, "cast": cast, "named": named,
            "submitted": sum(1 for s in subjects if s.report_status == "submitted"),
        },
    )  # fmt: skip


@login_required
@require_POST
def round_close(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk, run=True)
    try:
        services.round_close(round_=round_, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, "已结束评议并计票。")
    return redirect("evaluation:round_detail", pk=round_.pk)


@login_required
def evaluators(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk, run=True)
    form = EvaluatorsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.evaluators_add(
                round_=round_, names=form.name_list(), kind=form.cleaned_data["kind"], by=request.user
            )
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已添加 {len(added)} 名评议人。")
            return redirect("evaluation:evaluators", pk=round_.pk)
    return render(
        request,
        "evaluation/evaluators.html",
        {"nav": NAV, "round": round_, "form": form, "evaluators": round_.evaluators.select_related("person")},
    )


def _evaluator_to_run(request: AuthedRequest, pk: int) -> Evaluator:
    qs = Evaluator.objects.filter(round__in=selectors.visible_rounds(request.user)).select_related("round__scope")
    evaluator = scoping.get_visible_or_404(request, qs, pk=pk)
    if not permissions.runs_for(request.user, evaluator.round.scope):
        raise scoping.deny(request, Evaluator, {"pk": pk, "action": "run"}, exists=True)
    return evaluator


@login_required
@require_POST
def evaluator_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    evaluator = _evaluator_to_run(request, pk)
    try:
        services.evaluator_remove(evaluator=evaluator, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已移除评议人 {evaluator.name}。")
    return redirect("evaluation:evaluators", pk=evaluator.round_id)


@login_required
@require_POST
def evaluator_renew(request: AuthedRequest, pk: int) -> HttpResponse:
    evaluator = _evaluator_to_run(request, pk)
    try:
        services.evaluator_renew_link(evaluator=evaluator, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已为 {evaluator.name} 重新生成个人链接，原链接作废。")
    return redirect("evaluation:evaluators", pk=evaluator.round_id)


@login_required
def slips(request: AuthedRequest, pk: int) -> HttpResponse:
    """One slip per evaluator who has not voted: name, personal link and its QR code (printed and handed out)."""
    round_ = round_or_404(request, pk, run=True)
    pending = round_.evaluators.filter(cast_at__isnull=True).order_by("kind", "id")
    rows = [
        (e, request.build_absolute_uri(reverse("evaluation:ballot", args=[selectors.token_for(e)]))) for e in pending
    ]
    # The slips are the evaluators' keys: printing them is recorded like an export.
    audit.record(
        audit.Event.EXPORT, request=request, target=round_, org=round_.scope_id,
        data={"what": "evaluation_slips", "slips": len(rows)},
    )  # fmt: skip
    return render(request, "evaluation/slips.html", {"nav": NAV, "round": round_, "rows": rows})
