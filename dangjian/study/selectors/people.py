"""Whom a record concerns: rosters of meetings, branch committees, and the people picker's filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from dangjian.core import scoping
from dangjian.orgs.models import Organization
from dangjian.people.models import CadreRank, Member, Post, Status
from dangjian.people.selectors import for_apps

from ..models import MeetingKind

if TYPE_CHECKING:
    from dangjian.accounts.http import AuthedRequest

PARTY = for_apps.PARTY_STATUSES
COMMITTEE_TITLES = for_apps.COMMITTEE_TITLES
# The roster's reads this app needs, from people.selectors (domain apps never query the roster themselves).
posts_held_on = for_apps.posts_held_on
committee_people = for_apps.committee_people
chair_choices = for_apps.chair_choices
subtree_people = for_apps.people_in


def meeting_roster(org: Organization, kind: str, on: dt.date) -> QuerySet[Member]:
    """Who is expected at a meeting of KIND: the committee for a committee meeting,
    otherwise the party members of the organization (a branch's include its groups')."""
    if kind == MeetingKind.BRANCH_COMMITTEE:
        return committee_people(org, on).order_by("name_initials", "id")
    return for_apps.party_members_in(org)


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
        people = scoping.in_subtree(people, within)
    if filters.org_code:
        org = scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=filters.org_code)
        people = scoping.in_subtree(people, org)
    if filters.statuses:
        people = people.filter(status__in=filters.statuses)
    if filters.ranks:
        people = people.filter(cadre_rank__in=filters.ranks)
    if filters.post_holders:
        people = people.filter(pk__in=Post.objects.filter(ended_on__isnull=True).values("member_id"))
    return people.order_by("org__path", "name_initials", "id")
