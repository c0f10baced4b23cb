"""Writes to liaison points: pairing a cadre with an organization, logging visits, closing follow-ups.

Each function is one transaction (auditlog records every row it writes, with
the actor the request set); a refusal raises before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from .. import errors
from ..models import FollowUp, FollowUpStatus, LiaisonPoint, Visit
from ..selectors import VISITABLE_KINDS, active_between, committee_of, is_on_committee_roster


def _actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _check_pairing(
    *, cadre: Member, org: Organization, started_on: dt.date, ended_on: dt.date | None, point: LiaisonPoint | None
) -> None:
    if ended_on is not None and ended_on < started_on:
        raise errors.PeriodReversed(field="ended_on")
    if org.kind not in VISITABLE_KINDS:
        raise errors.OrgNotInCommittee("联系点须设在党委、党总支或党支部。", field="org")
    committee = committee_of(org)
    if not is_on_committee_roster(cadre, committee):
        raise errors.CadreNotInCommittee(field="cadre")
    clash = LiaisonPoint.objects.filter(
        active_between(started_on, ended_on or dt.date.max), cadre=cadre, org=org
    ).select_for_update()
    if point is not None:
        clash = clash.exclude(pk=point.pk)
    other = clash.first()
    if other is not None:
        raise errors.PairingOverlaps(
            f"{cadre.name}已于 {other.period_label} 联系{org.name}，时间重叠，不能重复建立联系点。"
        )


@transaction.atomic
def point_create(
    *,
    cadre: Member,
    org: Organization,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    notes: str = "",
    by: Any = None,
) -> LiaisonPoint:
    """Pair CADRE (a person of the committee's roster) with ORG from STARTED_ON to ENDED_ON."""
    _check_pairing(cadre=cadre, org=org, started_on=started_on, ended_on=ended_on, point=None)
    return LiaisonPoint.objects.create(
        cadre=cadre, org=org, started_on=started_on, ended_on=ended_on, notes=notes.strip(), created_by=_actor(by)
    )


@transaction.atomic
def point_update(
    *, point: LiaisonPoint, started_on: dt.date, ended_on: dt.date | None, notes: str = "", by: Any = None
) -> LiaisonPoint:
    """Change POINT's period (ending a pairing early, extending it) and its notes; visits stay inside."""
    _check_pairing(cadre=point.cadre, org=point.org, started_on=started_on, ended_on=ended_on, point=point)
    outside = point.visits.exclude(visited_on__gte=started_on)
    if ended_on is not None:
        outside = point.visits.exclude(visited_on__gte=started_on, visited_on__lte=ended_on)
    first = outside.order_by("visited_on").first()
    if first is not None:
        raise errors.VisitsOutsidePeriod(
            f"{first.visited_on:%Y-%m-%d} 已有走访记录，联系期限须包含所有走访日期。", field="started_on"
        )
    point.started_on, point.ended_on, point.notes = started_on, ended_on, notes.strip()
    point.save(update_fields=["started_on", "ended_on", "notes"])
    return point


@transaction.atomic
def visit_log(
    *,
    point: LiaisonPoint,
    visited_on: dt.date,
    found: str,
    advised: str = "",
    followups: Sequence[str] = (),
    by: Any = None,
    today: dt.date | None = None,
) -> Visit:
    """Record a visit to POINT's organization on VISITED_ON, with the items it leaves to follow up."""
    today = today or timezone.localdate()
    if visited_on > today:
        raise errors.VisitInFuture(field="visited_on")
    if visited_on < point.started_on or (point.ended_on is not None and visited_on > point.ended_on):
        raise errors.VisitOutsidePeriod(f"走访日期须在联系期限（{point.period_label}）之内。", field="visited_on")
    if not found.strip():
        raise errors.VisitEmpty(field="found")
    visit = Visit.objects.create(
        point=point,
        org_id=point.org_id,
        visited_on=visited_on,
        found=found.strip(),
        advised=advised.strip(),
        recorded_by=_actor(by),
    )
    for item in followups:
        if item.strip():
            FollowUp.objects.create(visit=visit, content=item.strip()[:300])
    return visit


@transaction.atomic
def followup_close(*, item: FollowUp, note: str = "", by: Any = None, now: dt.datetime | None = None) -> FollowUp:
    """Close a follow-up item (办结), with what was done."""
    locked = FollowUp.objects.select_for_update().get(pk=item.pk)
    if locked.status != FollowUpStatus.OPEN:
        raise errors.FollowUpClosed()
    locked.status = FollowUpStatus.CLOSED
    locked.closed_at = now or timezone.now()
    locked.closed_note = note.strip()[:300]
    locked.closed_by = _actor(by)
    locked.save(update_fields=["status", "closed_at", "closed_note", "closed_by"])
    return locked
