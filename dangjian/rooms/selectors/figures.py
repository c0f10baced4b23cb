"""The records behind the module's figures: one queryset each, whose count is the figure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization

from ..models import Inspection, Rectification, RectificationStatus, Room


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _with_standing(rooms: QuerySet[Room], year: int) -> QuerySet[Room]:
    """ROOMS with `standing_passed` (their latest inspection up to YEAR's end passed) and its date."""
    latest = Inspection.objects.filter(room=OuterRef("pk"), held_on__lte=_year_end(year)).order_by("-held_on", "-id")
    return rooms.annotate(
        standing_passed=Subquery(latest.values("passed")[:1]),
        standing_on=Subquery(latest.values("held_on")[:1]),
        standing_id=Subquery(latest.values("pk")[:1]),
    )


def standardized_in(org: Organization, year: int) -> QuerySet[Room]:
    """activity_rooms.standardized: the rooms of ORG's subtree whose latest inspection by the end of
    YEAR passed every required item (达标)."""
    return _with_standing(scoping.in_subtree(Room.objects.all(), org), year).filter(Q(standing_passed=True))


def standardized_per_org(orgs: Sequence[Organization], year: int) -> Mapping[int, int]:
    """The figure of each of ORGS (each for its own subtree) with one query."""
    paths = [o.path for o in orgs]
    if not paths:
        return {}
    found = list(
        _with_standing(Room.objects.filter(tree.covering_q(paths, "org__path")), year)
        .filter(Q(standing_passed=True))
        .values_list("org__path", flat=True)
    )
    return {o.pk: sum(1 for p in found if tree.is_within(p, [o.path])) for o in orgs}


def overdue_in(org: Organization, year: int, today: dt.date | None = None) -> QuerySet[Rectification]:
    """activity_rooms.rectifications_overdue: tasks of ORG's subtree due in YEAR (and past due now)
    that were not put right by their deadline: still open, or closed by a later inspection."""
    today = today or timezone.localdate()
    qs = scoping.in_subtree(Rectification.objects.all(), org, "room__org").filter(
        deadline__year=year, deadline__lt=today
    )
    return qs.filter(
        Q(status=RectificationStatus.OPEN) | Q(status=RectificationStatus.CLOSED, closed_by__held_on__gt=F("deadline"))
    )
