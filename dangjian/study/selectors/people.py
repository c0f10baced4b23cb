"""Whom a record concerns: rosters of meetings, branch committees, and the people picker's filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization
from dangjian.people.models import CadreRank, Member, Post, PostTitle, Status

from ..models import MeetingKind

if TYPE_CHECKING:
    from dangjian.accounts.http import AuthedRequest

PARTY = (Status.FULL, Status.PROBATIONARY)
# Posts that sit on a branch (or party) committee; a group leader does not.
COMMITTEE_TITLES = (
    PostTitle.SECRETARY,
    PostTitle.DEPUTY_SECRETARY,
    PostTitle.FULL_TIME_DEPUTY,
    PostTitle.COMMITTEE_MEMBER,
    PostTitle.DISCIPLINE,
    PostTitle.ORGANIZATION,
    PostTitle.PUBLICITY,
)


def posts_held_on(day: dt.date) -> Q:
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


def committee_people(org: Organization, on: dt.date) -> QuerySet[Member]:
    """The members of ORG's committee on the day ON (each once, however many posts)."""
    ids = Post.objects.filter(posts_held_on(on), org=org, title__in=COMMITTEE_TITLES).values("member_id")
    return Member.objects.filter(pk__in=ids)


def meeting_roster(org: Organization, kind: str, on: dt.date) -> QuerySet[Member]:
    """Who is expected at a meeting of KIND: the committee for a committee meeting,
    otherwise the party members of the organization (a branch's include its groups')."""
    if kind == MeetingKind.BRANCH_COMMITTEE:
        return committee_people(org, on).order_by("name_initials", "id")
    return Member.objects.filter(org__path__startswith=org.path, status__in=PARTY).order_by("name_initials", "id")


def chair_choices(org: Organization) -> QuerySet[Member]:
    """Who may chair a meeting of ORG: its own members and those holding a post in it or above it."""
    from dangjian.orgs.selectors import ancestor_paths

    holders = Post.objects.filter(ended_on__isnull=True, org__path__in=ancestor_paths(org.path)).values("member_id")
    return Member.objects.filter(Q(org=org) | Q(pk__in=holders)).order_by("name_initials", "id")


def subtree_people(org: Organization) -> QuerySet[Member]:
    return Member.objects.filter(org__path__startswith=org.path)


@dataclass(frozen=True)
class PeopleFilter:
    """Picking people in bulk from the roster: an organization's subtree, categories, ranks, post holders."""

    org_code: str = ""
    statuses: tuple[str, ...] = ()
    ranks: tuple[str, ...] = ()
    post_holders: bool = False

    @classmethod
    def from_params(cls, params: Any) -> PeopleFilter:
        getlist = getattr(params, "getlist", None)

        def many(key: str, allowed: list[str]) -> tuple[str, ...]:
            values = getlist(key) if getlist else params.get(key) or []
            if isinstance(values, str):
                values = [values]
            return tuple(v for v in values if v in allowed)

        return cls(
            org_code=str(params.get("org") or "").strip()[:32],
            statuses=many("status", Status.values),
            ranks=many("rank", CadreRank.values),
            post_holders=str(params.get("post_holders") or "") in ("1", "on", "true"),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.org_code or self.statuses or self.ranks or self.post_holders)

    def as_params(self) -> list[tuple[str, str]]:
        params = [("org", self.org_code)] if self.org_code else []
        params += [("status", s) for s in self.statuses] + [("rank", r) for r in self.ranks]
        if self.post_holders:
            params.append(("post_holders", "1"))
        return params

    def describe(self) -> str:
        parts = []
        if self.statuses:
            parts.append("、".join(Status(s).label for s in self.statuses))
        if self.ranks:
            parts.append("、".join(CadreRank(r).label for r in self.ranks))
        if self.post_holders:
            parts.append("现任党内职务人员")
        return "；".join(parts) or "全部人员"


def people_matching(
    *, request: AuthedRequest, filters: PeopleFilter, within: Organization | None = None
) -> QuerySet[Member]:
    """The people of the roster the user may see that match FILTERS (inside WITHIN's subtree, if given)."""
    people = scoping.visible_members(request.user)
    if within is not None:
        people = people.filter(org__path__startswith=within.path)
    if filters.org_code:
        org = scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=filters.org_code)
        people = people.filter(org__path__startswith=org.path)
    if filters.statuses:
        people = people.filter(status__in=filters.statuses)
    if filters.ranks:
        people = people.filter(cadre_rank__in=filters.ranks)
    if filters.post_holders:
        people = people.filter(pk__in=Post.objects.filter(ended_on__isnull=True).values("member_id"))
    return people.order_by("org__path", "name_initials", "id")
