"""Reads of organization life: meetings a user may see, and a meeting's roster."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from dangjian.core import scoping

from ..models import ATTENDED, Meeting


def meetings_for(user: Any) -> QuerySet[Meeting]:
    return scoping.scoped_by_org(user, Meeting.objects.select_related("org", "chair"))


def with_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.annotate(
        marked=Count("attendances"),
        attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED)),
    )
