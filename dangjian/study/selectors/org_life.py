"""Reads of organization life: meetings a user may see, and a page of them with their attendance counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Q, QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization, OrgKind

from ..models import ATTENDED, Meeting, MeetingKind

# Which organizations hold which kinds of meeting.
KINDS_FOR_ORG: dict[str, tuple[str, ...]] = {
    OrgKind.GROUP: (MeetingKind.GROUP,),
    OrgKind.BRANCH: tuple(k for k in MeetingKind.values if k != MeetingKind.GROUP),
    OrgKind.GENERAL_BRANCH: tuple(k for k in MeetingKind.values if k != MeetingKind.GROUP),
    OrgKind.PARTY_COMMITTEE: tuple(k for k in MeetingKind.values if k != MeetingKind.GROUP),
    # The committee's own office holds its meetings as a branch: nothing is recorded at the root.
}


def kinds_for(org: Organization) -> list[tuple[str, str]]:
    """The kinds of meeting ORG holds, with their labels (none for the committee itself)."""
    return [(k, MeetingKind(k).label) for k in KINDS_FOR_ORG.get(org.kind, ())]


def meeting_orgs(user: Any, q: str = "") -> QuerySet[Organization]:
    """The organizations USER may record meetings for, matching Q (part of the name, or the code), in tree order."""
    orgs = scoping.visible_orgs(user).filter(kind__in=list(KINDS_FOR_ORG))
    q = q.strip()[:50]
    if q:
        orgs = orgs.filter(Q(name__icontains=q) | Q(code__iexact=q))
    return orgs.order_by("path")


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
