"""The rooms, inspections, photos and rectification tasks a user may see, and the list pages' rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..models import Inspection, Photo, Rectification, RectificationStatus, Room


def visible_rooms(user: Any) -> QuerySet[Room]:
    return scoping.scoped_by_org(user, Room.objects.all())


def visible_inspections(user: Any) -> QuerySet[Inspection]:
    return scoping.scoped_by_org(user, Inspection.objects.all(), "room__org")


def visible_photos(user: Any) -> QuerySet[Photo]:
    return scoping.scoped_by_org(user, Photo.objects.all(), "verdict__inspection__room__org")


def visible_rectifications(user: Any) -> QuerySet[Rectification]:
    return scoping.scoped_by_org(user, Rectification.objects.all(), "room__org")


# Room standing, as the list filters name it.
STANDARDIZED, FAILING, UNINSPECTED = "standardized", "failing", "uninspected"
STANDINGS = {STANDARDIZED: "达标", FAILING: "未达标", UNINSPECTED: "未检查"}


@dataclass(frozen=True)
class RoomFilters:
    org: Organization | None = None  # within the user's scope (the view looked it up)
    standing: str = ""  # one of STANDINGS, or "" for all
    overdue: bool = False  # only rooms with a rectification past its deadline
    q: str = ""  # part of the organization's name


def room_rows(user: Any, filters: RoomFilters, today: dt.date | None = None) -> QuerySet[Room]:
    today = today or timezone.localdate()
    qs = visible_rooms(user)
    if filters.org is not None:
        qs = scoping.in_subtree(qs, filters.org)
    if filters.q:
        qs = qs.filter(org__name__icontains=filters.q)
    if filters.standing == STANDARDIZED:
        qs = qs.filter(latest_inspection__passed=True)
    elif filters.standing == FAILING:
        qs = qs.filter(latest_inspection__passed=False)
    elif filters.standing == UNINSPECTED:
        qs = qs.filter(latest_inspection__isnull=True)
    open_q = Q(rectifications__status=RectificationStatus.OPEN)
    qs = qs.annotate(
        open_count=Count("rectifications", filter=open_q),
        overdue_count=Count("rectifications", filter=open_q & Q(rectifications__deadline__lt=today)),
    )
    if filters.overdue:
        qs = qs.filter(overdue_count__gt=0)
    return qs.select_related("org", "latest_inspection").order_by("org__path")


def room_summary(user: Any, org: Organization | None, today: dt.date | None = None) -> dict[str, int]:
    """Counts over every room the user sees (under ORG when given), whatever the other filters."""
    today = today or timezone.localdate()
    qs = visible_rooms(user)
    if org is not None:
        qs = scoping.in_subtree(qs, org)
    counts = qs.aggregate(
        rooms=Count("pk"),
        standardized=Count("pk", filter=Q(latest_inspection__passed=True)),
        failing=Count("pk", filter=Q(latest_inspection__passed=False)),
        uninspected=Count("pk", filter=Q(latest_inspection__isnull=True)),
    )
    tasks = visible_rectifications(user).filter(status=RectificationStatus.OPEN)
    if org is not None:
        tasks = scoping.in_subtree(tasks, org, "room__org")
    counts["open_tasks"] = tasks.count()
    counts["overdue_rooms"] = tasks.filter(deadline__lt=today).values("room_id").distinct().count()
    return counts


OPEN, OVERDUE, CLOSED = "open", "overdue", "closed"
TASK_STATES = {OPEN: "整改中", OVERDUE: "已逾期", CLOSED: "已整改"}


@dataclass(frozen=True)
class TaskFilters:
    org: Organization | None = None
    state: str = ""  # one of TASK_STATES, or "" for all
    q: str = ""


def rectification_rows(user: Any, filters: TaskFilters, today: dt.date | None = None) -> QuerySet[Rectification]:
    today = today or timezone.localdate()
    qs = visible_rectifications(user)
    if filters.org is not None:
        qs = scoping.in_subtree(qs, filters.org, "room__org")
    if filters.q:
        qs = qs.filter(room__org__name__icontains=filters.q)
    if filters.state == OPEN:
        qs = qs.filter(status=RectificationStatus.OPEN)
    elif filters.state == OVERDUE:
        qs = qs.filter(status=RectificationStatus.OPEN, deadline__lt=today)
    elif filters.state == CLOSED:
        qs = qs.filter(status=RectificationStatus.CLOSED)
    return qs.select_related("room__org", "raised_by", "closed_by").order_by("status", "deadline", "id")
