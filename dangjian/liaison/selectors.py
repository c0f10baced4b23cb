"""Reads of the liaison app, scoped through dangjian.core.scoping and core.tree.

`visible_*` start from a user (committee staff: everything of their committees;
an organization's administrators: their subtree). `*_in(org, year)` start from
an organization the caller has already checked the user may see: they are the
records behind the registry's figures, so a figure and its page always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization, OrgKind
from dangjian.orgs.picker import Scope
from dangjian.people.selectors import for_apps as people

from .conf import LiaisonSettings
from .models import (
    FollowUp,
    FollowUpStatus,
    LectureAttendance,
    LectureRequest,
    LectureStatus,
    LiaisonPoint,
    MobileLecture,
    Visit,
)

if TYPE_CHECKING:
    from dangjian.people.models import Member

# Organizations a cadre visits: not the committee itself, not a party group inside a branch (the
# organization pickers of the liaison forms offer these).
VISITABLE_KINDS = (OrgKind.PARTY_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH)
VISITABLE = Scope(kinds=VISITABLE_KINDS)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def active_between(start: dt.date, end: dt.date) -> Q:
    """Points whose period overlaps START..END (an open end runs on)."""
    return Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=start))


def committee_of(org: Organization) -> Organization:
    """The committee (root of the tree) ORG belongs to."""
    if org.depth == 1:
        return org
    return Organization.objects.get(path=tree.ancestor_paths(org.path)[0])


# ---------------------------------------------------------------- from a user


def visible_points(user: Any) -> QuerySet[LiaisonPoint]:
    return scoping.scoped_by_org(user, LiaisonPoint.objects.all())


def visible_visits(user: Any) -> QuerySet[Visit]:
    return scoping.scoped_by_org(user, Visit.objects.all())


def visible_followups(user: Any) -> QuerySet[FollowUp]:
    return scoping.scoped_by_org(user, FollowUp.objects.all(), "visit__org")


def visible_lectures(user: Any) -> QuerySet[MobileLecture]:
    return scoping.scoped_by_org(user, MobileLecture.objects.all())


def visible_requests(user: Any) -> QuerySet[LectureRequest]:
    return scoping.scoped_by_org(user, LectureRequest.objects.all())


def visitable_orgs(user: Any) -> QuerySet[Organization]:
    """The organizations USER sees that a cadre may be paired with or a lecture taken to."""
    return VISITABLE.orgs(user).order_by("path")


def cadre_choices(committee: Organization) -> QuerySet[Member]:
    """The committee's own cadres: the people employed by its units (LiaisonSettings.cadre_unit_names)."""
    names = LiaisonSettings.current().cadre_unit_names or (committee.name,)
    return people.people_in(committee).filter(unit__name__in=names).select_related("org").order_by("name_initials")


def is_on_committee_roster(member: Member, committee: Organization) -> bool:
    return tree.is_within(member.org.path, [committee.path])


# ---------------------------------------------------------------- the records behind the figures


def points_in(org: Organization, year: int) -> QuerySet[LiaisonPoint]:
    """Liaison points with an organization of ORG's subtree that ran at some time in YEAR."""
    start, end = year_bounds(year)
    return scoping.in_subtree(LiaisonPoint.objects.filter(active_between(start, end)), org)


def visits_in(org: Organization, year: int) -> QuerySet[Visit]:
    return scoping.in_subtree(Visit.objects.filter(visited_on__year=year), org)


def lectures_in(org: Organization, year: int) -> QuerySet[MobileLecture]:
    """Lectures held (confirmed) in YEAR at organizations of ORG's subtree."""
    return scoping.in_subtree(MobileLecture.objects.filter(status=LectureStatus.HELD, held_on__year=year), org)


def attendances_in(org: Organization, year: int) -> QuerySet[LectureAttendance]:
    """Person-times at those lectures: one row per person per lecture."""
    return LectureAttendance.objects.filter(lecture__status=LectureStatus.HELD, lecture__held_on__year=year).filter(
        tree.subtree_q([org.path], "lecture__org__path")
    )


# ---------------------------------------------------------------- the unvisited organizations


@dataclass(frozen=True)
class UnvisitedPage:
    orgs: QuerySet[Organization]  # annotated: has_point (a liaison point running this year)
    total: int  # visitable organizations in the scope
    unvisited: int


def unvisited_orgs(scope: Organization, year: int) -> UnvisitedPage:
    """Organizations of SCOPE's subtree that no cadre visited in YEAR, in tree order."""
    start, end = year_bounds(year)
    orgs = scoping.in_subtree(Organization.objects.filter(kind__in=VISITABLE_KINDS), scope, "")
    visited = Visit.objects.filter(org=OuterRef("pk"), visited_on__year=year)
    running = LiaisonPoint.objects.filter(active_between(start, end), org=OuterRef("pk"))
    unvisited = orgs.annotate(visited=Exists(visited)).filter(visited=False)
    unvisited = unvisited.annotate(has_point=Exists(running)).order_by("path")
    return UnvisitedPage(orgs=unvisited, total=orgs.count(), unvisited=unvisited.count())


# ---------------------------------------------------------------- pages


def open_followups(points: QuerySet[LiaisonPoint]) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(visit__point__in=points, status=FollowUpStatus.OPEN)


def points_with_counts(points: QuerySet[LiaisonPoint], year: int) -> QuerySet[LiaisonPoint]:
    return points.select_related("cadre", "org").annotate(
        visits_this_year=Count("visits", filter=Q(visits__visited_on__year=year), distinct=True),
        open_items=Count("visits__followups", filter=Q(visits__followups__status=FollowUpStatus.OPEN), distinct=True),
    )


def roster_of(org: Organization) -> QuerySet[Member]:
    """Who may attend a lecture at ORG: the people of its roster (its subtree's)."""
    return people.people_in(org).select_related("org").order_by("org__path", "name_initials", "id")


def with_attendance(lectures: QuerySet[MobileLecture]) -> QuerySet[MobileLecture]:
    return lectures.annotate(attended=Count("attendances"))
