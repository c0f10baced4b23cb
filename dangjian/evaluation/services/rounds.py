"""Rounds and their evaluators: starting a round (its secretaries from the people posts), naming
evaluators, closing (by hand or at the deadline) with the tally written down and the formal-talk list.

Each function is one transaction; rows written one by one are on the trail through
auditlog, bulk writes and the close are recorded with dangjian.core.audit.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.core import audit
from dangjian.core.registry import figures_changed
from dangjian.orgs.models import Organization
from dangjian.people.models import Member
from dangjian.people.selectors import for_apps as people

from .. import errors, selectors
from ..conf import EvaluationSettings
from ..models import Ballot, Evaluator, EvaluatorKind, Mark, Round, RoundStatus, Subject, Talk, new_nonce


def _actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def round_create(
    *,
    scope: Organization,
    year: int,
    title: str,
    deadline: dt.datetime,
    by: Any = None,
    now: dt.datetime | None = None,
) -> Round:
    """Start the evaluation of YEAR over SCOPE's subtree: every reporting organization with a
    secretary in post today is listed (its secretary's name kept as of today), in tree order."""
    now = now or timezone.now()
    conf = EvaluationSettings.current()
    if not title.strip():
        raise errors.TitleMissing(field="title")
    if deadline <= now:
        raise errors.DeadlineInPast(field="deadline")
    if scope.kind not in ("committee", *conf.reporting_kinds):
        raise errors.ScopeNotReporting(field="scope")
    if Round.objects.filter(scope=scope, year=year).exists():
        raise errors.RoundExists(f"{scope.name}已有{year}年度的述职评议，不能重复发起。", field="year")
    orgs = list(selectors.reporting_orgs(scope))
    secretaries = people.secretaries_on([o.pk for o in orgs], timezone.localdate(now))
    if not secretaries:
        raise errors.NoSecretaries(field="scope")
    round_ = Round.objects.create(
        scope=scope, year=year, title=title.strip()[:100], deadline=deadline, opened_at=now, created_by=_actor(by)
    )
    Subject.objects.bulk_create(
        Subject(round=round_, org=o, secretary=secretaries[o.pk], secretary_name=secretaries[o.pk].name, position=i)
        for i, o in enumerate(o for o in orgs if o.pk in secretaries)
    )
    audit.record(
        audit.Event.CREATE, actor=_actor(by), target=round_, org=scope,
        data={"subjects": len(secretaries), "without_secretary": len(orgs) - len(secretaries)},
    )  # fmt: skip
    figures_changed("evaluation")
    return round_


def _check_open(round_: Round) -> None:
    if round_.status != RoundStatus.OPEN:
        raise errors.RoundClosed()


@transaction.atomic
def evaluator_add(
    *, round_: Round, name: str, kind: str = EvaluatorKind.MEMBER, person: Member | None = None, by: Any = None
) -> Evaluator:
    """Name an evaluator of ROUND (with or without a roster record or an account)."""
    _check_open(round_)
    name = (person.name if person is not None and not name.strip() else name).strip()
    if not name:
        raise errors.EvaluatorNameMissing(field="name")
    if kind not in EvaluatorKind.values:
        kind = EvaluatorKind.OTHER
    if person is not None and round_.evaluators.filter(person=person).exists():
        raise errors.EvaluatorDuplicate(f"{person.name}已是本次评议的评议人。", field="person")
    return Evaluator.objects.create(round=round_, name=name[:50], kind=kind, person=person)


@transaction.atomic
def evaluators_add(*, round_: Round, names: list[str], kind: str, by: Any = None) -> list[Evaluator]:
    """Name several evaluators at once (one name a line on the form)."""
    added = [evaluator_add(round_=round_, name=n, kind=kind, by=by) for n in names if n.strip()]
    if not added:
        raise errors.EvaluatorNameMissing(field="names")
    return added


@transaction.atomic
def evaluator_remove(*, evaluator: Evaluator, by: Any = None) -> None:
    locked = Evaluator.objects.select_for_update(of=("self",)).select_related("round").get(pk=evaluator.pk)
    _check_open(locked.round)
    if locked.cast_at is not None:
        raise errors.EvaluatorHasVoted()
    locked.delete()


@transaction.atomic
def evaluator_renew_link(*, evaluator: Evaluator, by: Any = None) -> Evaluator:
    """A new personal link for EVALUATOR (a slip was lost): the old one stops working at once."""
    locked = Evaluator.objects.select_for_update(of=("self",)).select_related("round").get(pk=evaluator.pk)
    _check_open(locked.round)
    if locked.cast_at is not None:
        raise errors.EvaluatorHasVoted("该评议人已投票，无需重新生成链接。")
    locked.nonce = new_nonce()
    locked.save(update_fields=["nonce"])
    return locked


@transaction.atomic
def round_close(*, round_: Round, by: Any = None, now: dt.datetime | None = None) -> Round:
    """Close ROUND (before its deadline by hand, or at it): no more ballots; each secretary's tally
    is written down and those whose overall grade is a talk grade (一般, 差) go on the talk list."""
    now = now or timezone.now()
    # The conditional update is the lock: of two closings at once (two pages opened after the
    # deadline), one writes and the other is refused, on SQLite as on PostgreSQL.
    if not Round.objects.filter(pk=round_.pk, status=RoundStatus.OPEN).update(status=RoundStatus.CLOSED, closed_at=now):
        raise errors.RoundClosed()
    locked = Round.objects.get(pk=round_.pk)
    _reshuffle(locked)
    found = selectors.tally(locked)
    subjects = list(locked.subjects.all())
    for s in subjects:
        r = found[s.pk]
        s.votes_good, s.votes_fairly_good, s.votes_average, s.votes_poor = r.good, r.fairly_good, r.average, r.poor
        s.score, s.grade = r.score, r.grade
    Subject.objects.bulk_update(
        subjects, ["votes_good", "votes_fairly_good", "votes_average", "votes_poor", "score", "grade"], batch_size=500
    )
    talk_grades = EvaluationSettings.current().talk_grades
    talks = [Talk(subject=s, org_id=s.org_id, listed_at=now) for s in subjects if s.grade in talk_grades]
    Talk.objects.bulk_create(talks)
    audit.record(
        audit.Event.UPDATE, actor=_actor(by), target=locked, org=locked.scope_id,
        data={"closed": True, "ballots": locked.ballots.count(), "talks": len(talks), "automatic": by is None},
    )  # fmt: skip
    figures_changed("evaluation")
    return locked


def _reshuffle(round_: Round) -> None:
    """Write ROUND's ballots and marks again in a random order under new random ids, so that not even
    the tables' physical order (SQLite's rowid, PostgreSQL's heap) follows the order they were cast in."""
    rng = secrets.SystemRandom()
    marks: dict[Any, list[tuple[int, str]]] = {}
    for ballot_id, subject_id, grade in Mark.objects.filter(ballot__round=round_).values_list(
        "ballot_id", "subject_id", "grade"
    ):
        marks.setdefault(ballot_id, []).append((subject_id, grade))
    groups = list(marks.values())
    rng.shuffle(groups)
    round_.ballots.all().delete()
    ballots = Ballot.objects.bulk_create(Ballot(round=round_) for _ in groups)
    rows = [
        Mark(ballot=b, subject_id=sid, grade=g) for b, group in zip(ballots, groups, strict=True) for sid, g in group
    ]
    rng.shuffle(rows)
    Mark.objects.bulk_create(rows, batch_size=2000)


def close_due_rounds(*, now: dt.datetime | None = None) -> int:
    """Close every open round whose deadline has passed (each in its own transaction); how many."""
    now = now or timezone.now()
    closed = 0
    for r in Round.objects.filter(status=RoundStatus.OPEN, deadline__lte=now):
        try:
            round_close(round_=r, now=now)
        except errors.RoundClosed:
            continue  # closed meanwhile by another request
        closed += 1
    return closed
