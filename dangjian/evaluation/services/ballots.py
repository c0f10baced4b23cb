"""Casting a ballot: the one write an evaluator makes, by their personal link, without a login.

Refused, with nothing written, after the deadline or once the round is closed,
a second time, or when it does not rate every secretary of the round exactly
once with a valid grade. The evaluator's row only gets `cast_at`; the ballot and
its marks carry no link to them; the trail gets one `ballot_cast` event naming
the evaluator and the round, never a grade.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from dangjian.core import audit
from dangjian.core.registry import figures_changed

from .. import errors
from ..models import Ballot, Evaluator, Grade, Mark, Round

if TYPE_CHECKING:
    from django.http import HttpRequest

BALLOT_CAST = "ballot_cast"


@transaction.atomic
def ballot_cast(
    *,
    evaluator: Evaluator,
    grades: Mapping[int, str],
    now: dt.datetime | None = None,
    request: HttpRequest | None = None,
) -> None:
    """EVALUATOR's ballot: GRADES maps every subject id of the round to a Grade value."""
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().get(pk=evaluator.round_id)
    if not round_.accepts_ballots(now):
        raise errors.BallotClosed(
            f"本次述职评议已于 {timezone.localtime(round_.deadline):%Y-%m-%d %H:%M} 截止，不能再投票。"
        )
    if Evaluator.objects.filter(pk=evaluator.pk, cast_at__isnull=False).exists():
        raise errors.BallotAlreadyCast()
    subject_ids = set(round_.subjects.values_list("pk", flat=True))
    if set(grades) - subject_ids or any(g not in Grade.values for g in grades.values()):
        raise errors.BallotInvalid()
    missing = len(subject_ids - set(grades))
    if missing:
        raise errors.BallotIncomplete(f"请对全部 {len(subject_ids)} 名书记逐一评议，还有 {missing} 名未评。")
    # The conditional update is what makes "once" hold under two simultaneous submissions.
    if not Evaluator.objects.filter(pk=evaluator.pk, cast_at__isnull=True).update(cast_at=now):
        raise errors.BallotAlreadyCast()
    ballot = Ballot.objects.create(round=round_)
    Mark.objects.bulk_create(Mark(ballot=ballot, subject_id=sid, grade=g) for sid, g in grades.items())
    audit.record(
        BALLOT_CAST, request=request, actor=None, target=evaluator, org=round_.scope_id,
        object_repr=f"{evaluator.name} 已在“{round_.title}”中投票", data={"round": round_.pk},
    )  # fmt: skip
    figures_changed("evaluation")
