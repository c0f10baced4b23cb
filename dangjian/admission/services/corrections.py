"""Correcting a step recorded wrongly: only the case's last step, by the branch, audited.

`step_correct` changes the last step's date, content, document and files and checks them by
the very rules `step_record` applies (order, dates, the step's own rule), against the case as it
was before that step; `step_withdraw` removes the last step with a reason and moves the case
(and the person's roster status, through the people services) back to where it was. An earlier
step cannot be changed: the steps after it were recorded on its strength. A withdrawn step stays
on the case as a Withdrawal (kind, date, reason, who), and auditlog keeps every row's change.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.people.models import Status

from .. import errors
from ..conf import AdmissionSettings
from ..models import Case, CaseFile, Outcome, Stage, Step, StepKind, Withdrawal, add_months
from .common import actor, check_not_future, roster_status
from .files import files_checked, files_save
from .steps import StepData, _check_order, _check_specific, _label

K = StepKind


def _locked_last(step: Step) -> tuple[Case, list[Step], Step]:
    """The case of STEP locked, its other steps, and STEP itself: refused unless it is the last one."""
    locked = Case.objects.select_for_update(of=("self",)).select_related("org", "member").get(pk=step.case_id)
    steps = list(locked.steps.prefetch_related("people", "files").order_by("done_on", "id"))
    if not steps or steps[-1].pk != step.pk:
        last = steps[-1] if steps else None
        raise errors.StepNotLast(
            "只能更正或撤销最后一个步骤"
            + (f"（{last.done_on:%Y-%m-%d}“{_label(last.kind)}”）" if last else "")
            + f"：“{_label(step.kind)}”之后已有步骤以它为依据。如确需更正，请先逐步撤销其后的步骤。"
        )
    return locked, steps[:-1], steps[-1]


def _probation_end(case: Case, others: Sequence[Step]) -> dt.date | None:
    """When probation ends after the extensions among OTHERS (None before approval)."""
    if case.voted_on is None:
        return None
    end = add_months(case.voted_on, AdmissionSettings.current().probation_months)
    for s in others:
        if s.kind == K.CONVERSION and s.outcome == Outcome.EXTEND and s.extension_months:
            end = add_months(end, s.extension_months)
    return end


def _before(case: Case, step: Step, others: Sequence[Step]) -> Case:
    """CASE as it was before STEP was recorded (in memory; nothing is saved)."""
    was = copy.copy(case)
    if step.kind == K.ACTIVIST:
        was.stage, was.activist_on = Stage.APPLICANT, None
    elif step.kind == K.CANDIDATE:
        was.stage, was.candidate_on = Stage.ACTIVIST, None
    elif step.kind == K.VOTE:
        was.voted_on = None
    elif step.kind == K.APPROVAL:
        was.stage, was.admitted_on, was.probation_ends_on = Stage.CANDIDATE, None, None
    elif step.kind == K.CONVERSION:
        was.stage, was.full_on, was.disqualified_on = Stage.PROBATIONARY, None, None
        if step.outcome == Outcome.EXTEND:
            was.extended_months = max(0, case.extended_months - (step.extension_months or 0))
            was.probation_ends_on = _probation_end(case, others)
    return was


# The date on the case that a step sets (and a correction of its date moves).
_DATE_FIELD: dict[str, str] = {
    K.ACTIVIST: "activist_on",
    K.CANDIDATE: "candidate_on",
    K.VOTE: "voted_on",
    K.APPROVAL: "admitted_on",
}


@transaction.atomic
def step_correct(
    *,
    step: Step,
    done_on: dt.date,
    note: str,
    document: str = "",
    files: Sequence[Any] = (),
    remove_files: Sequence[int] = (),
    by: Any = None,
    today: dt.date | None = None,
) -> Step:
    """Correct the date, content and document of STEP, the last step of its case, add FILES and
    remove the files REMOVE_FILES (their ids); refused, writing nothing, where recording the step
    so would have been refused."""
    today = today or timezone.localdate()
    case, others, last = _locked_last(step)
    was = _before(case, last, others)
    data = StepData(
        document=document,
        note=note,
        people=list(last.people.all()),
        days=last.days,
        hours=last.hours,
        eligible=last.eligible,
        votes_for=last.votes_for,
        votes_against=last.votes_against,
        votes_abstain=last.votes_abstain,
        outcome=last.outcome,
        extension_months=last.extension_months,
    )
    check_not_future(done_on, today)
    _check_order(was, last.kind, done_on, others)
    _check_specific(was, last.kind, done_on, data, others)
    kept = {f.pk: f for f in last.files.all()}
    removed = [kept[pk] for pk in remove_files if pk in kept]
    if len(removed) != len(set(remove_files)):
        raise errors.FileNotOnStep(field="remove_files")
    checked = files_checked(files, already=len(kept) - len(removed))
    last.done_on, last.note, last.document = done_on, data.note.strip(), data.document.strip()[:200]
    last.save(update_fields=["done_on", "note", "document"])
    for f in removed:
        _delete_file(f)
    files_save(case, last, checked, by)
    field = _DATE_FIELD.get(last.kind)
    if last.kind == K.CONVERSION and last.outcome == Outcome.CONVERT:
        field = "full_on"
    elif last.kind == K.CONVERSION and last.outcome == Outcome.DISQUALIFY:
        field = "disqualified_on"
    if field and getattr(case, field) != done_on:
        setattr(case, field, done_on)
        case.save(update_fields=[field])
    return last


@transaction.atomic
def step_withdraw(*, step: Step, reason: str, by: Any = None) -> Withdrawal:
    """Withdraw STEP, the last step of its case, for REASON: the case goes back to where it was
    before the step (stage, dates, the person's roster status) and the withdrawal is kept on it."""
    case, others, last = _locked_last(step)
    reason = reason.strip()
    if not reason:
        raise errors.ReasonMissing(field="reason")
    was = _before(case, last, others)
    withdrawal = Withdrawal.objects.create(
        case=case, kind=last.kind, done_on=last.done_on, reason=reason[:2000], withdrawn_by=actor(by)
    )
    for item in last.files.all():
        _delete_file(item)
    last.delete()
    fields = ["stage", "activist_on", "candidate_on", "voted_on", "admitted_on", "probation_ends_on"]
    fields += ["extended_months", "full_on", "disqualified_on"]
    changed = [f for f in fields if getattr(case, f) != getattr(was, f)]
    for f in changed:
        setattr(case, f, getattr(was, f))
    if changed:
        case.save(update_fields=changed)
    if case.member_id is not None:
        if last.kind == K.ACTIVIST:
            roster_status(case, Status.NON_PARTY)
        elif last.kind == K.APPROVAL:
            roster_status(case, Status.ACTIVIST)
        elif last.kind == K.CONVERSION and last.outcome != Outcome.EXTEND:
            roster_status(case, Status.PROBATIONARY, joined_party_on=case.voted_on)
    return withdrawal


def _delete_file(item: CaseFile) -> None:
    """Delete ITEM's row now (audited) and its stored file once the transaction commits."""
    storage, name = item.file.storage, item.file.name
    item.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
