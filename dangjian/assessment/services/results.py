"""The results' lifecycle: computed → public notice (公示, N working days) → final;
objections filed by an organization during the notice and answered by the committee,
with the answer's effect on the score recorded (and the grades and ranks redone).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.core import registry

from .. import permissions
from ..errors import (
    BadObjection,
    NoticeNotOver,
    NoticeOver,
    NotInNotice,
    ObjectionAnswered,
    ObjectionsOpen,
    WrongResultStatus,
)
from ..models import Objection, ObjectionStatus, OrgResult, ResultSet, ResultStatus
from .common import actor, after_working_days, require_staff
from .compute import regrade


def _require_status(result_set: ResultSet, status: str) -> None:
    if result_set.status != status:
        raise WrongResultStatus(status=result_set.get_status_display())


@transaction.atomic
def results_start_notice(*, result_set: ResultSet, by: Any = None, today: dt.date | None = None) -> ResultSet:
    """Put the computed results into public notice from TODAY for the scheme's working days."""
    require_staff(by, result_set.scheme.committee)
    result_set = ResultSet.objects.select_for_update(of=("self",)).select_related("scheme").get(pk=result_set.pk)
    _require_status(result_set, ResultStatus.COMPUTED)
    today = today or timezone.localdate()
    result_set.status = ResultStatus.NOTICE
    result_set.noticed_at = timezone.now()
    result_set.notice_ends_on = after_working_days(today, result_set.scheme.notice_working_days)
    result_set.save(update_fields=["status", "noticed_at", "notice_ends_on"])
    return result_set


@transaction.atomic
def results_finalize(*, result_set: ResultSet, by: Any = None, today: dt.date | None = None) -> ResultSet:
    """Make the results final once the notice is over and every objection is answered."""
    require_staff(by, result_set.scheme.committee)
    result_set = ResultSet.objects.select_for_update(of=("self",)).select_related("scheme").get(pk=result_set.pk)
    _require_status(result_set, ResultStatus.NOTICE)
    today = today or timezone.localdate()
    assert result_set.notice_ends_on is not None
    if today <= result_set.notice_ends_on:
        raise NoticeNotOver(ends=f"{result_set.notice_ends_on:%Y-%m-%d}")
    open_count = Objection.objects.filter(result__result_set=result_set, status=ObjectionStatus.FILED).count()
    if open_count:
        raise ObjectionsOpen(count=open_count)
    result_set.status = ResultStatus.FINAL
    result_set.finalized_at = timezone.now()
    result_set.save(update_fields=["status", "finalized_at"])
    registry.figures_changed("assessment")
    return result_set


@transaction.atomic
def objection_file(*, result: OrgResult, text: str, by: Any = None, today: dt.date | None = None) -> Objection:
    """RESULT's organization objects to it (during the notice period, its last day included)."""
    if by is not None and not permissions.can_self_evaluate(by, result.org):
        raise BadObjection("只能对本组织的考核结果提出异议。")
    result_set = ResultSet.objects.select_for_update().get(pk=result.result_set_id)
    today = today or timezone.localdate()
    if result_set.status != ResultStatus.NOTICE:
        raise NotInNotice()
    assert result_set.notice_ends_on is not None
    if today > result_set.notice_ends_on:
        raise NoticeOver(ends=f"{result_set.notice_ends_on:%Y-%m-%d}")
    text = (text or "").strip()
    if not text:
        raise BadObjection("请填写异议内容。", field="text")
    if len(text) > 2000:
        raise BadObjection("异议内容最多 2000 个字。", field="text")
    return Objection.objects.create(result=result, text=text, filed_by=actor(by), filed_at=timezone.now())


MAX_CHANGE = Decimal(100)


@transaction.atomic
def objection_answer(*, objection: Objection, answer: str, score_change: Decimal | None, by: Any = None) -> Objection:
    """The committee's ANSWER to OBJECTION; SCORE_CHANGE (may be 0 or negative) is added to the result's
    score, and the grades and ranks of the whole table are redone."""
    result = OrgResult.objects.select_related("result_set__scheme__committee").get(pk=objection.result_id)
    require_staff(by, result.result_set.scheme.committee)
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.status != ObjectionStatus.FILED:
        raise ObjectionAnswered()
    if result.result_set.status == ResultStatus.FINAL:
        raise WrongResultStatus(status=result.result_set.get_status_display())
    answer = (answer or "").strip()
    if not answer:
        raise BadObjection("请填写答复内容。", field="answer")
    if len(answer) > 2000:
        raise BadObjection("答复内容最多 2000 个字。", field="answer")
    change = score_change if score_change is not None else Decimal(0)
    new_score = result.base_score + result.adjustment + change
    if abs(change) > MAX_CHANGE or not Decimal(0) <= new_score <= Decimal(100):
        raise BadObjection("调整后的综合得分应在 0 至 100 之间。", field="score_change")
    objection.status = ObjectionStatus.ANSWERED
    objection.answer = answer
    objection.score_change = change.quantize(Decimal("0.01"))
    objection.answered_by = actor(by)
    objection.answered_at = timezone.now()
    objection.save()
    if change:
        result.adjustment += objection.score_change
        result.save(update_fields=["adjustment"])
        regrade(result.result_set)
    return objection
