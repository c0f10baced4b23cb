"""Reads of organization life: meetings a user may see, and a page of them with their attendance counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Q, QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..models import ATTENDED, Meeting, MeetingKind


class MeetingCounts(TypedDict):
    marked: int
    attended: int


if TYPE_CHECKING:  # WithAnnotations takes the TypedDict only when type-checking
    from django_stubs_ext import WithAnnotations

    CountedMeeting = WithAnnotations[Meeting, MeetingCounts]


def meetings_for(user: Any) -> QuerySet[Meeting]:
    return scoping.scoped_by_org(user, Meeting.objects.select_related("org", "chair"))


def meeting_list(user: Any, *, year: int, org: Organization | None = None, kind: str = "") -> QuerySet[Meeting]:
    """The meetings of YEAR the user may see, newest first: in ORG's subtree, of KIND (a MeetingKind value)."""
    meetings = meetings_for(user).filter(held_on__year=year)
    if org is not None:
        meetings = scoping.in_subtree(meetings, org)
    if kind in MeetingKind.values:
        meetings = meetings.filter(kind=kind)
    return meetings.order_by("-held_on", "-id")


def with_counts(meetings: QuerySet[Meeting]) -> QuerySet[CountedMeeting]:
    """MEETINGS with `marked` (everyone marked) and `attended` (present or late) on each.

    The counts join the attendance table: for a list, count one page (`counted`), never the whole year.
    """
    return meetings.annotate(
        marked=Count("attendances"),
        attended=Count("attendances", filter=Q(attendances__status__in=ATTENDED)),
    )


def counted(ids: Sequence[int]) -> list[CountedMeeting]:
    """The meetings IDS (a page of a list, in its order) with their counts: one query, whatever the list's length."""
    found = {m.pk: m for m in with_counts(Meeting.objects.filter(pk__in=list(ids)).select_related("org", "chair"))}
    return [found[pk] for pk in ids if pk in found]
