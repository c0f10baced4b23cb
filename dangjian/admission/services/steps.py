"""Recording a step of a case, in the order and at the pace 发展党员工作细则 sets.

`step_record` is the one write for every step: it checks the case's stage, the
steps that must come first, the dates (never in the future, never before the
step they follow, never earlier than the rule allows) and what the step itself
records (contact persons, sponsors, training hours, the meeting's tally), then
writes the step and moves the case (and the person's roster status, through the
people services) on. A refusal raises before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.people.models import Member, Status

from .. import errors
from ..conf import AdmissionSettings
from ..models import OPEN_STAGES, REPEATABLE, Case, Outcome, Stage, Step, StepKind, add_months
from .common import actor, check_not_future, roster_status
from .files import files_checked, files_save

K = StepKind


@dataclass(frozen=True)
class Rule:
    stages: tuple[str, ...]  # the stages the case may be in
    needs: tuple[str, ...]  # the steps that come first (the date may not precede theirs)
    note_required: bool = False


RULES: dict[str, Rule] = {
    K.TALK: Rule((Stage.APPLICANT,), (), note_required=True),
    K.ACTIVIST: Rule((Stage.APPLICANT,), (K.TALK,)),
    K.OBSERVATION: Rule((Stage.ACTIVIST, Stage.CANDIDATE), (K.ACTIVIST,), note_required=True),
    K.CANDIDATE: Rule((Stage.ACTIVIST,), (K.ACTIVIST,)),
    K.REVIEW: Rule((Stage.CANDIDATE,), (K.CANDIDATE,), note_required=True),
    K.TRAINING: Rule((Stage.CANDIDATE,), (K.CANDIDATE,)),
    K.SPONSORS: Rule((Stage.CANDIDATE,), (K.CANDIDATE,)),
    K.PRE_EXAM: Rule((Stage.CANDIDATE,), (K.REVIEW, K.TRAINING, K.SPONSORS)),
    K.NOTICE: Rule((Stage.CANDIDATE,), (K.PRE_EXAM,)),
    K.VOTE: Rule((Stage.CANDIDATE,), (K.NOTICE,)),
    K.APPROVAL: Rule((Stage.CANDIDATE,), (K.VOTE,)),
    K.OATH: Rule((Stage.PROBATIONARY,), (K.APPROVAL,)),
    K.PROBATION_RECORD: Rule((Stage.PROBATIONARY,), (K.APPROVAL,), note_required=True),
    K.CONVERSION: Rule((Stage.PROBATIONARY,), (K.OATH,)),
}


@dataclass
class StepData:
    """What a step records besides its kind and date (forms and the API fill the parts they need)."""

    document: str = ""
    note: str = ""
    people: Sequence[Member] = ()
    days: int | None = None
    hours: int | None = None
    eligible: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    outcome: str = ""
    extension_months: int | None = None


def _label(kind: str) -> str:
    return str(StepKind(kind).label)


def _check_order(case: Case, kind: str, done_on: dt.date, steps: list[Step]) -> None:
    rule = RULES[kind]
    if not case.is_open:
        raise errors.CaseClosed(f"{case.name}的发展党员档案已结束（{case.get_stage_display()}），不能再记录步骤。")
    if case.stage not in rule.stages:
        raise errors.StepOutOfOrder(
            f"{case.name}目前是{case.get_stage_display()}，不能记录“{_label(kind)}”：请按发展党员的程序逐步进行。"
        )
    done = {s.kind for s in steps}
    for need in rule.needs:
        if need not in done:
            raise errors.StepOutOfOrder(f"须先完成“{_label(need)}”，才能记录“{_label(kind)}”。")
    if kind in done and kind not in REPEATABLE and kind != K.CONVERSION:
        raise errors.StepAlreadyDone(f"“{_label(kind)}”已经记录过了。")
    previous = [(s.done_on, s.kind) for s in steps if s.kind in rule.needs]
    floor, floor_label = case.applied_on, "递交入党申请书"
    for on, k in previous:
        if on > floor:
            floor, floor_label = on, _label(k)
    if kind == K.CONVERSION:
        for s in steps:
            if s.kind == K.CONVERSION and s.done_on > floor:
                floor, floor_label = s.done_on, "上次讨论转正"
    if done_on < floor:
        raise errors.StepBeforePrevious(
            f"“{_label(kind)}”的日期（{done_on:%Y-%m-%d}）不能早于“{floor_label}”（{floor:%Y-%m-%d}）。",
            field="done_on",
        )


def _distinct_people(people: Sequence[Member], required: int, what: str, error: type[errors.AdmissionRefusal]) -> None:
    ids = {p.pk for p in people}
    if len(people) != required or len(ids) != required:
        raise error(f"须确定{required}名不同的{what}。", field="people")


def _check_tally(data: StepData) -> None:
    if data.eligible is None or data.votes_for is None:
        raise errors.TallyInvalid("请填写应到会有表决权的正式党员人数和赞成票数。", field="votes_for")
    cast = data.votes_for + (data.votes_against or 0) + (data.votes_abstain or 0)
    if data.eligible < 1 or cast > data.eligible:
        raise errors.TallyInvalid(
            f"票数之和（{cast}）不能超过应到会有表决权的正式党员人数（{data.eligible}）。", field="votes_for"
        )
    if data.votes_for * 2 <= data.eligible:
        raise errors.VoteNotPassed(
            f"赞成票（{data.votes_for}）须超过应到会有表决权的正式党员（{data.eligible}人）的半数，决议方为通过。",
            field="votes_for",
        )


def _records(steps: list[Step], kind: str, until: dt.date) -> int:
    return sum(1 for s in steps if s.kind == kind and s.done_on <= until)


def _check_specific(case: Case, kind: str, done_on: dt.date, data: StepData, steps: list[Step]) -> None:
    conf = AdmissionSettings.current()
    if RULES[kind].note_required and not data.note.strip():
        raise errors.ContentMissing(field="note")
    if kind == K.ACTIVIST:
        _distinct_people(data.people, conf.contacts_required, "培养联系人", errors.ContactsInvalid)
        for p in data.people:
            if p.status != Status.FULL or p.pk == case.member_id:
                raise errors.ContactsInvalid(
                    f"培养联系人须为正式党员：{p.name}是{p.get_status_display()}。", field="people"
                )
    elif kind == K.CANDIDATE:
        assert case.activist_on is not None
        earliest = add_months(case.activist_on, conf.observation_months)
        if done_on < earliest:
            raise errors.StepTooEarly(
                f"入党积极分子须经过{conf.observation_months}个月以上的培养教育和考察："
                f"{case.name}于{case.activist_on:%Y-%m-%d}确定为入党积极分子，{earliest:%Y-%m-%d}起方可列为发展对象。",
                field="done_on",
            )
        count = _records(steps, K.OBSERVATION, done_on)
        if count < conf.observation_records_required:
            raise errors.RecordsMissing(
                f"列为发展对象前须有{conf.observation_records_required}次以上培养考察记录（每季度一次），"
                f"目前只有{count}次。"
            )
    elif kind == K.TRAINING:
        if (data.days or 0) < conf.training_min_days and (data.hours or 0) < conf.training_min_hours:
            raise errors.TrainingTooShort(
                f"发展对象的集中培训不少于{conf.training_min_days}天或{conf.training_min_hours}个学时。", field="days"
            )
    elif kind == K.SPONSORS:
        _distinct_people(data.people, conf.sponsors_required, "入党介绍人", errors.SponsorsInvalid)
        contacts = {p.pk for s in steps if s.kind == K.ACTIVIST for p in s.people.all()}
        for p in data.people:
            if p.status != Status.FULL:
                raise errors.SponsorNotFull(
                    f"入党介绍人须为正式党员：{p.name}是{p.get_status_display()}。", field="people"
                )
            if p.pk in contacts:
                raise errors.SponsorIsContact(
                    f"{p.name}是{case.name}的培养联系人，不能同时担任入党介绍人。", field="people"
                )
            if p.pk == case.member_id:
                raise errors.SponsorsInvalid("本人不能担任自己的入党介绍人。", field="people")
    elif kind == K.VOTE:
        notice = max(s.done_on for s in steps if s.kind == K.NOTICE)
        earliest = notice + dt.timedelta(days=conf.notice_days)
        if done_on < earliest:
            raise errors.StepTooEarly(
                f"公示期不少于{conf.notice_days}天：{notice:%Y-%m-%d}开始公示，{earliest:%Y-%m-%d}起方可召开支部大会讨论。",
                field="done_on",
            )
        _check_tally(data)
    elif kind == K.APPROVAL:
        _check_approval(case, done_on)
    elif kind == K.CONVERSION:
        _check_conversion(case, done_on, data, steps)


def _check_approval(case: Case, done_on: dt.date) -> None:
    """发展党员工作细则: the upper committee approves within APPROVAL_WITHIN_MONTHS of the vote (0: no limit)."""
    months = AdmissionSettings.current().approval_within_months
    assert case.voted_on is not None
    latest = add_months(case.voted_on, months)
    if months > 0 and done_on > latest:
        raise errors.ApprovalTooLate(
            f"上级党委应在支部大会讨论后{months}个月内审批：支部大会于{case.voted_on:%Y-%m-%d}讨论通过，"
            f"审批日期（{done_on:%Y-%m-%d}）晚于{latest:%Y-%m-%d}，不予记录。"
            "超过期限的须由支部重新履行程序，或按上级规定办理。",
            field="done_on",
        )


def _check_conversion(case: Case, done_on: dt.date, data: StepData, steps: list[Step]) -> None:
    conf = AdmissionSettings.current()
    if data.outcome not in Outcome.values:
        raise errors.TallyInvalid("请选择讨论结论：转为正式党员、延长预备期或取消预备党员资格。", field="outcome")
    assert case.probation_ends_on is not None
    if data.outcome != Outcome.DISQUALIFY and done_on < case.probation_ends_on:
        raise errors.StepTooEarly(
            f"预备期满（{case.probation_ends_on:%Y-%m-%d}）后方可讨论转正或延长预备期。", field="done_on"
        )
    if data.outcome == Outcome.CONVERT:
        count = _records(steps, K.PROBATION_RECORD, done_on)
        if count < conf.probation_records_required:
            raise errors.RecordsMissing(
                f"转正前须有{conf.probation_records_required}次以上预备期考察记录，目前只有{count}次。"
            )
    if data.outcome == Outcome.EXTEND:
        months = data.extension_months or 0
        if months < 1 or case.extended_months + months > conf.max_extension_months:
            left = conf.max_extension_months - case.extended_months
            raise errors.ExtensionInvalid(
                f"延长预备期最长不超过{conf.max_extension_months}个月"
                + (f"（已延长{case.extended_months}个月，至多再延长{left}个月）" if case.extended_months else "")
                + "。",
                field="extension_months",
            )
    _check_tally(data)


def _apply(case: Case, kind: str, done_on: dt.date, data: StepData) -> None:
    conf = AdmissionSettings.current()
    fields: list[str] = []
    if kind == K.ACTIVIST:
        case.stage, case.activist_on = Stage.ACTIVIST, done_on
        fields = ["stage", "activist_on"]
        roster_status(case, Status.ACTIVIST)
    elif kind == K.CANDIDATE:
        case.stage, case.candidate_on = Stage.CANDIDATE, done_on
        fields = ["stage", "candidate_on"]
    elif kind == K.VOTE:
        case.voted_on = done_on
        fields = ["voted_on"]
    elif kind == K.APPROVAL:
        assert case.voted_on is not None
        case.stage, case.admitted_on = Stage.PROBATIONARY, done_on
        case.probation_ends_on = add_months(case.voted_on, conf.probation_months)
        fields = ["stage", "admitted_on", "probation_ends_on"]
        roster_status(case, Status.PROBATIONARY, joined_party_on=case.voted_on)
    elif kind == K.CONVERSION:
        if data.outcome == Outcome.CONVERT:
            case.stage, case.full_on = Stage.FULL, done_on
            fields = ["stage", "full_on"]
            roster_status(case, Status.FULL)
        elif data.outcome == Outcome.EXTEND:
            assert case.probation_ends_on is not None and data.extension_months
            case.extended_months += data.extension_months
            case.probation_ends_on = add_months(case.probation_ends_on, data.extension_months)
            fields = ["extended_months", "probation_ends_on"]
        else:
            case.stage, case.disqualified_on = Stage.DISQUALIFIED, done_on
            fields = ["stage", "disqualified_on"]
            roster_status(case, Status.NON_PARTY)
    if fields:
        case.save(update_fields=fields)


@transaction.atomic
def step_record(
    *,
    case: Case,
    kind: str,
    done_on: dt.date,
    data: StepData | None = None,
    files: Sequence[Any] = (),
    by: Any = None,
    today: dt.date | None = None,
) -> Step:
    """Record the step KIND of CASE on DONE_ON (with DATA and the uploaded FILES), moving the case on
    when the step does. Every check (files included) runs before anything is written."""
    if kind not in RULES:
        raise errors.StepOutOfOrder("未知的发展党员步骤。")
    today = today or timezone.localdate()
    data = data or StepData()
    locked = Case.objects.select_for_update(of=("self",)).select_related("org", "member").get(pk=case.pk)
    steps = list(locked.steps.prefetch_related("people"))
    check_not_future(done_on, today)
    _check_order(locked, kind, done_on, steps)
    _check_specific(locked, kind, done_on, data, steps)
    checked = files_checked(files)
    step = Step.objects.create(
        case=locked,
        kind=kind,
        done_on=done_on,
        document=data.document.strip()[:200],
        note=data.note.strip(),
        days=data.days,
        hours=data.hours,
        eligible=data.eligible,
        votes_for=data.votes_for,
        votes_against=data.votes_against,
        votes_abstain=data.votes_abstain,
        outcome=data.outcome if kind == K.CONVERSION else "",
        extension_months=data.extension_months if data.outcome == Outcome.EXTEND else None,
        recorded_by=actor(by),
    )
    if data.people and kind in (K.ACTIVIST, K.SPONSORS):
        step.people.set(data.people)
    files_save(locked, step, checked, by)
    _apply(locked, kind, done_on, data)
    for name in ("stage", "member_id", "activist_on", "candidate_on", "voted_on", "admitted_on"):
        setattr(case, name, getattr(locked, name))
    for name in ("probation_ends_on", "extended_months", "full_on", "disqualified_on"):
        setattr(case, name, getattr(locked, name))
    return step


__all__ = ["OPEN_STAGES", "RULES", "StepData", "step_record"]
