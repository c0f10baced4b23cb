"""Changing a round after it started: a later deadline, a secretary added or taken out before
anyone has voted; and handing out reminders to the evaluators who have not voted yet.

Each function is one transaction and refuses before it writes; the changes are on the audit
trail (auditlog sees Round and Subject; the reminder is recorded with dangjian.core.audit).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dangjian.core import audit
from dangjian.core.registry import figures_changed
from dangjian.orgs.models import Organization
from dangjian.people.selectors import for_apps as people

from .. import errors, selectors
from ..models import Evaluator, ReportStatus, Round, RoundStatus, Subject


def _actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _lock_open(round_: Round) -> Round:
    locked = Round.objects.select_for_update(of=("self",)).select_related("scope").get(pk=round_.pk)
    if locked.status != RoundStatus.OPEN:
        raise errors.RoundClosed()
    return locked


@transaction.atomic
def round_set_deadline(
    *, round_: Round, deadline: dt.datetime | None, by: Any = None, now: dt.datetime | None = None
) -> Round:
    """Move ROUND's deadline later (never earlier, never into the past, not once closed or over).
    The evaluators' personal links keep working until the new deadline."""
    now = now or timezone.now()
    locked = _lock_open(round_)
    if locked.deadline <= now:
        raise errors.RoundClosed("该述职评议已过截止时间，不能再修改。")
    if deadline is None or deadline <= now:
        raise errors.DeadlineInPast(field="deadline")
    if deadline <= locked.deadline:
        raise errors.DeadlineNotLater(field="deadline", old=f"{timezone.localtime(locked.deadline):%Y-%m-%d %H:%M}")
    locked.deadline = deadline
    locked.save(update_fields=["deadline"])  # auditlog: the old and the new deadline
    return locked


def _require_no_ballots(round_: Round) -> None:
    if round_.evaluators.filter(cast_at__isnull=False).exists() or round_.ballots.exists():
        raise errors.BallotsAlreadyCast()


@transaction.atomic
def subject_add(*, round_: Round, org: Organization, by: Any = None, now: dt.datetime | None = None) -> Subject:
    """List ORG's secretary (in post today) in ROUND, at the end of the ballot, before anyone has voted."""
    now = now or timezone.now()
    locked = _lock_open(round_)
    if not locked.accepts_ballots(now):
        raise errors.RoundClosed()
    _require_no_ballots(locked)
    if not selectors.reporting_orgs(locked.scope).filter(pk=org.pk).exists():
        raise errors.SubjectNotInScope(field="org")
    if locked.subjects.filter(org=org).exists():
        raise errors.SubjectAlreadyListed(field="org")
    secretary = people.secretaries_on([org.pk], timezone.localdate(now)).get(org.pk)
    if secretary is None:
        raise errors.SubjectNoSecretary(field="org")
    position = (locked.subjects.aggregate(p=Max("position"))["p"] or 0) + 1
    subject = Subject.objects.create(
        round=locked, org=org, secretary=secretary, secretary_name=secretary.name, position=position
    )
    figures_changed("evaluation")
    return subject


@transaction.atomic
def subject_remove(*, subject: Subject, by: Any = None, now: dt.datetime | None = None) -> None:
    """Take SUBJECT out of its round before anyone has voted (not once the report is submitted,
    not the last one)."""
    now = now or timezone.now()
    locked = _lock_open(subject.round)
    if not locked.accepts_ballots(now):
        raise errors.RoundClosed()
    _require_no_ballots(locked)
    subject = Subject.objects.get(pk=subject.pk, round=locked)
    if subject.report_status == ReportStatus.SUBMITTED:
        raise errors.SubjectReportSubmitted()
    if locked.subjects.count() <= 1:
        raise errors.LastSubject()
    subject.delete()  # auditlog: the secretary and the organization taken out
    figures_changed("evaluation")


def reminder_from(round_: Round) -> dt.datetime:
    """From when ROUND's evaluators who have not voted are to be reminded (N days before the deadline)."""
    from ..conf import EvaluationSettings

    return round_.deadline - dt.timedelta(days=EvaluationSettings.current().remind_days_before)


def to_remind(round_: Round, now: dt.datetime | None = None) -> list[Evaluator]:
    """The evaluators of ROUND who have not voted, once the reminder time has come (else none)."""
    now = now or timezone.now()
    if not round_.accepts_ballots(now) or now < reminder_from(round_):
        return []
    return list(round_.evaluators.filter(cast_at__isnull=True).select_related("person").order_by("kind", "id"))


@transaction.atomic
def evaluators_remind(
    *, round_: Round, how: str, by: Any = None, now: dt.datetime | None = None, request: Any = None
) -> list[Evaluator]:
    """Record that the reminder (the list of personal links, HOW "print" or "xlsx") was handed out to
    ROUND's evaluators who have not voted: their `reminded_at`, and one audit event naming how many
    (the links are the evaluators' keys, so handing them out is recorded like an export)."""
    now = now or timezone.now()
    locked = _lock_open(round_)
    pending = to_remind(locked, now)
    if not pending:
        raise errors.NothingToRemind()
    Evaluator.objects.filter(pk__in=[e.pk for e in pending]).update(reminded_at=now)
    for e in pending:
        e.reminded_at = now
    audit.record(
        audit.Event.EXPORT, request=request, actor=_actor(by), target=locked, org=locked.scope_id,
        data={"what": "evaluation_reminders", "how": how, "evaluators": len(pending)},
    )  # fmt: skip
    return pending
