"""The people other apps need: attendees, volunteers, chairs, committee members, pickers.

Domain apps never query the roster's models themselves; they ask here. Every
function that starts from a user is scoped by dangjian.core.scoping; those that
start from an organization return people of its subtree, for a caller that has
already checked the user may see that organization.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization

from ..models import Member, Post, PostTitle, Status

PARTY_STATUSES = (Status.FULL, Status.PROBATIONARY)
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
_INITIALS = re.compile(r"^[A-Za-z]+$")


def people_in(org: Organization, *, statuses: Iterable[str] | None = None) -> QuerySet[Member]:
    """The people of ORG's subtree (ORG included), of STATUSES when given."""
    qs = scoping.in_subtree(Member.objects.all(), org)
    if statuses is not None:
        qs = qs.filter(status__in=list(statuses))
    return qs


def party_members_in(org: Organization) -> QuerySet[Member]:
    """Full and probationary members of ORG's subtree, in roster order."""
    return people_in(org, statuses=PARTY_STATUSES).order_by("name_initials", "id")


def people_in_subtrees(paths: Iterable[str]) -> QuerySet[Member]:
    """The people of the subtrees rooted at PATHS (a set of organizations, e.g. a joint session's)."""
    return Member.objects.filter(tree.subtree_q(paths, "org__path"))


def posts_held_on(day: dt.date) -> Q:
    """Posts held on DAY (started by then, not ended before it)."""
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


def committee_people(org: Organization, on: dt.date) -> QuerySet[Member]:
    """The members of ORG's committee on the day ON (each once, however many posts)."""
    ids = Post.objects.filter(posts_held_on(on), org=org, title__in=COMMITTEE_TITLES).values("member_id")
    return Member.objects.filter(pk__in=ids)


def _post_holder_ids(org: Organization) -> QuerySet[Post, Any]:
    return Post.objects.filter(ended_on__isnull=True, org__path__in=tree.ancestor_paths(org.path)).values("member_id")


def post_holders_at_or_above(org: Organization) -> QuerySet[Member]:
    """People holding a post now in ORG or in an organization above it."""
    return Member.objects.filter(pk__in=_post_holder_ids(org))


def chair_choices(org: Organization) -> QuerySet[Member]:
    """Who may chair a meeting of ORG: its own people and those holding a post in it or above it."""
    return Member.objects.filter(Q(org=org) | Q(pk__in=_post_holder_ids(org))).order_by("name_initials", "id")


def people_by_id(ids: Iterable[int]) -> dict[int, Member]:
    """The people with IDS, keyed by id (for names on a record; the caller has scoped the ids)."""
    return Member.objects.select_related("org").in_bulk(list(ids))


def names_by_id(ids: Iterable[int]) -> dict[int, str]:
    return dict(Member.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


def person_of(user: Any) -> Member | None:
    """The roster record USER's account is tied to, if any."""
    pid = getattr(user, "person_id", None) if getattr(user, "is_authenticated", False) else None
    return Member.objects.select_related("org", "unit").filter(pk=pid).first() if pid else None


def pickable_people(
    user: Any, *, org: Organization | None = None, q: str = "", statuses: Iterable[str] | None = None
) -> QuerySet[Member]:
    """People USER may pick in a form: visible to USER, in ORG's subtree when given, matching Q
    (part of the name, or pinyin initials), of STATUSES when given; in roster order."""
    qs = scoping.visible_members(user)
    if org is not None:
        qs = scoping.in_subtree(qs, org)
    if statuses is not None:
        qs = qs.filter(status__in=list(statuses))
    q = q.strip()
    if q:
        match = Q(name__contains=q)
        if _INITIALS.match(q):
            match |= Q(name_initials__startswith=q.lower())
        qs = qs.filter(match)
    return qs.select_related("org").order_by("name_initials", "name", "id")


def secretaries_on(org_ids: Iterable[int], day: dt.date) -> dict[int, Member]:
    """The secretary (书记) of each of ORG_IDS on DAY, keyed by organization id; organizations
    without one are left out. Where two posts overlap (a hand-over day), the later appointment wins."""
    posts = (
        Post.objects.filter(posts_held_on(day), org_id__in=list(org_ids), title=PostTitle.SECRETARY)
        .select_related("member")
        .order_by("org_id", "started_on", "id")
    )
    return {p.org_id: p.member for p in posts}


def person_with_id_number(number: str) -> Member | None:
    """The roster record holding the (validated, normalized) ID NUMBER, if any (a look-up by its digest)."""
    from dangjian.core import crypto

    return Member.objects.select_related("org").filter(id_number_digest=crypto.digest(number)).first()
