"""Changing a round after it started (a later deadline; secretaries added or taken out before the
first ballot), and the reminders to evaluators who have not voted (a list of their links to hand out)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import attach_errors, flash_errors, xlsx_download

from .. import selectors, services
from ..conf import EvaluationSettings
from ..forms import DeadlineForm, SubjectAddForm
from ..models import Evaluator, Round, Subject
from .common import NAV, round_or_404


def _addable(round_: Round):  # type: ignore[no-untyped-def]
    return selectors.reporting_orgs(round_.scope).exclude(pk__in=round_.subjects.values("org_id"))


def _edit_page(request: AuthedRequest, round_: Round, **forms: object) -> HttpResponse:
    voted = round_.evaluators.filter(cast_at__isnull=False).exists()
    return render(
        request,
        "evaluation/round_edit.html",
        {
            "nav": NAV, "round": round_, "voted": voted, "open": round_.accepts_ballots(),
            "subjects": round_.subjects.select_related("org").order_by("position", "id"),
            "deadline_form": forms.get("deadline_form") or DeadlineForm(initial={"deadline": round_.deadline}),
            "add_form": forms.get("add_form") or SubjectAddForm(orgs=_addable(round_)),
        },
    )  # fmt: skip


@login_required
def round_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk, run=True)
    return _edit_page(request, round_)


@login_required
@require_POST
def round_deadline(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk, run=True)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            deadline = form.cleaned_data["deadline"]
            changed = services.round_set_deadline(round_=round_, deadline=deadline, by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"截止时间已推后至 {timezone.localtime(changed.deadline):%Y-%m-%d %H:%M}。")
            return redirect("evaluation:round_edit", pk=round_.pk)
    return _edit_page(request, round_, deadline_form=form)


@login_required
@require_POST
def subject_add(request: AuthedRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk, run=True)
    # Any reporting organization of the scope may be posted: the service says why one is refused.
    form = SubjectAddForm(request.POST, orgs=selectors.reporting_orgs(round_.scope))
    if form.is_valid():
        try:
            subject = services.subject_add(round_=round_, org=form.cleaned_data["org"], by=request.user)
        except ValidationError as e:
            attach_errors(form, e)
        else:
            messages.success(request, f"已将{subject.org.name}书记{subject.secretary_name}列入本次评议。")
            return redirect("evaluation:round_edit", pk=round_.pk)
    return _edit_page(request, round_, add_form=form)


@login_required
@require_POST
def subject_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    qs = Subject.objects.filter(round__in=selectors.visible_rounds(request.user)).select_related("round__scope", "org")
    subject = scoping.get_visible_or_404(request, qs, pk=pk)
    round_ = round_or_404(request, subject.round_id, run=True)
    try:
        services.subject_remove(subject=subject, by=request.user)
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, f"已将{subject.org.name}书记{subject.secretary_name}移出本次评议。")
    return redirect("evaluation:round_edit", pk=round_.pk)


# ---------------------------------------------------------------- reminders


def _links(request: AuthedRequest, evaluators: list[Evaluator]) -> list[tuple[Evaluator, str]]:
    return [
        (e, request.build_absolute_uri(reverse("evaluation:ballot", args=[selectors.token_for(e)]))) for e in evaluators
    ]


@login_required
def reminders(request: AuthedRequest, pk: int) -> HttpResponse:
    """Who has not voted N days before the deadline (names only; the links are handed out by print or Excel)."""
    round_ = round_or_404(request, pk, run=True)
    pending = round_.evaluators.filter(cast_at__isnull=True).order_by("kind", "id")
    due = services.to_remind(round_)
    return render(
        request,
        "evaluation/reminders.html",
        {
            "nav": NAV, "round": round_, "pending": pending, "due": bool(due), "open": round_.accepts_ballots(),
            "remind_from": services.reminder_from(round_), "days": EvaluationSettings.current().remind_days_before,
        },
    )  # fmt: skip


@login_required
@require_POST
def reminders_hand_out(request: AuthedRequest, pk: int) -> HttpResponse:
    """The reminder slips (print) or an Excel list of the personal links, recorded as handed out."""
    round_ = round_or_404(request, pk, run=True)
    how = "xlsx" if request.POST.get("how") == "xlsx" else "print"
    try:
        reminded = services.evaluators_remind(round_=round_, how=how, by=request.user, request=request)
    except ValidationError as e:
        flash_errors(request, e)
        return redirect("evaluation:reminders", pk=round_.pk)
    rows = _links(request, reminded)
    if how == "print":
        return render(request, "evaluation/slips.html", {"nav": NAV, "round": round_, "rows": rows, "reminder": True})
    title = f"{round_.title}未投票评议人提醒"
    deadline = f"{timezone.localtime(round_.deadline):%Y-%m-%d %H:%M}"
    # Recorded by the service (the links are keys); the download itself adds no second entry.
    return xlsx_download(
        request, title=title, headers=["姓名", "身份", "个人投票链接", "截止时间"],
        rows=[[e.name, e.get_kind_display(), url, deadline] for e, url in rows], target=round_, personal=False,
    )  # fmt: skip
