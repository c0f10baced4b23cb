"""Members in flow (流动党员): a member away from their branch, kept with where they are, until they return."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.people.models import Member

from .. import errors
from ..models import FlowMember, FlowStatus
from .common import branch_of, check_on_roster


@transaction.atomic
def flow_start(
    *,
    member: Member,
    place: str,
    since: dt.date,
    employer: str = "",
    contact: str = "",
    expected_return: dt.date | None = None,
    notes: str = "",
    by: Any = None,
    today: dt.date | None = None,
) -> FlowMember:
    """Record MEMBER as away (in flow) at PLACE since SINCE; one open record per member."""
    today = today or timezone.localdate()
    current = check_on_roster(member, by)
    if not place.strip():
        raise errors.FlowPlaceMissing(field="place")
    if since > today:
        raise errors.FlowDatesReversed("外出日期不能晚于今天。", field="since")
    if expected_return is not None and expected_return < since:
        raise errors.FlowDatesReversed("预计返回日期不能早于外出日期。", field="expected_return")
    if FlowMember.objects.select_for_update().filter(member=current, status=FlowStatus.OUT).exists():
        raise errors.FlowAlreadyOpen(field="member")
    return FlowMember.objects.create(
        member=current,
        org=branch_of(current.org),
        place=place.strip()[:120],
        employer=employer.strip()[:120],
        contact=contact.strip()[:120],
        since=since,
        expected_return=expected_return,
        notes=notes.strip()[:200],
        status=FlowStatus.OUT,
        started_at=timezone.now(),
    )


@transaction.atomic
def flow_end(*, flow: FlowMember, returned_on: dt.date, today: dt.date | None = None) -> FlowMember:
    """The member is back (回到支部): the record ends on RETURNED_ON."""
    today = today or timezone.localdate()
    locked = FlowMember.objects.select_for_update().get(pk=flow.pk)
    if locked.status != FlowStatus.OUT:
        raise errors.FlowNotOpen()
    if returned_on < locked.since:
        raise errors.FlowDatesReversed(f"返回日期不能早于外出日期（{locked.since:%Y-%m-%d}）。", field="returned_on")
    if returned_on > today:
        raise errors.FlowDatesReversed("返回日期不能晚于今天。", field="returned_on")
    locked.status = FlowStatus.RETURNED
    locked.returned_on = returned_on
    locked.returned_at = timezone.now()
    locked.save(update_fields=["status", "returned_on", "returned_at"])
    return locked
