"""Reads of the roster, always starting from what the user may see (core.scoping).

The member list, its export and the API share `members_for_list`, so a filter
means the same thing everywhere. Kept cheap at city scale (12,000 people): one
COUNT and one page query, both joining only the organization and the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, OrderBy, Q, QuerySet
from django.http import Http404

from dangjian.core import registry, scoping, tree
from dangjian.orgs.models import Organization, Unit

from ..conf import PeopleSettings
from ..models import CadreRank, Member, Post, PostTitle, Status, Transfer

if TYPE_CHECKING:
    from django.http import HttpRequest

# Sort keys offered to users (and the API); anything else falls back to the default.
# Names sort by pinyin initials first, which is how Chinese rosters are read.
SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name_initials", "name"),
    "birth": ("birth_date",),
    "joined": ("joined_party_on",),
    "org": ("org__path", "name_initials", "name"),
}
DEFAULT_SORT = "name"
_INITIALS = re.compile(r"^[A-Za-z]+$")


@dataclass(frozen=True)
class MemberFilters:
    """The list's query, parsed once; `as_params` gives it back for links and audit."""

    q: str = ""
    status: str = ""
    org_code: str = ""
    rank: str = ""
    ethnicity: str = ""
    sort: str = ""

    @classmethod
    def from_params(cls, params: Any) -> MemberFilters:
        def get(key: str) -> str:
            return str(params.get(key) or "").strip()[:50]

        return cls(
            q=get("q"),
            status=get("status"),
            org_code=get("org"),
            rank=get("rank"),
            ethnicity=get("ethnicity"),
            sort=get("sort"),
        )

    def as_params(self) -> dict[str, str]:
        values = {
            "q": self.q,
            "status": self.status,
            "org": self.org_code,
            "rank": self.rank,
            "ethnicity": self.ethnicity,
            "sort": self.sort,
        }
        return {k: v for k, v in values.items() if v}


def sort_key(sort: str) -> str:
    """SORT if it is one we offer (with an optional leading '-'), else the default."""
    return sort if sort.lstrip("-") in SORTS else DEFAULT_SORT


def _order_by(sort: str) -> list[OrderBy]:
    key = sort_key(sort)
    descending = key.startswith("-")
    fields = SORTS[key.lstrip("-")]
    # Empty dates (activists have no joining date) go last either way, on SQLite and PostgreSQL alike.
    order = [F(f).desc(nulls_last=True) if descending else F(f).asc(nulls_last=True) for f in fields]
    return [*order, F("id").desc() if descending else F("id").asc()]


def list_org(*, user: Any, org_code: str, request: HttpRequest | None = None) -> Organization | None:
    """The organization named by ORG_CODE when USER may see it; a recorded 404 otherwise."""
    if not org_code:
        return None
    visible = scoping.visible_orgs(user)
    if request is None:
        org = visible.filter(code=org_code).first()
        if org is None:
            raise Http404(scoping.NOT_FOUND_MESSAGE)
        return org
    return scoping.get_visible_or_404(request, visible, code=org_code)


def members_for_list(
    *,
    user: Any,
    q: str = "",
    status: str = "",
    org_code: str = "",
    rank: str = "",
    ethnicity: str = "",
    sort: str = "",
    request: HttpRequest | None = None,
) -> QuerySet[Member]:
    """The people USER may see, searched, filtered and sorted as the member list asks.

    Q matches a part of the name, or the start of the pinyin initials ("zjg",
    "zj" → 张建国). ORG_CODE narrows to that organization's subtree; an
    organization USER cannot see is a 404, recorded when REQUEST is given.
    Unknown status or rank values are ignored rather than answering nothing.
    """
    qs = scoping.visible_members(user)
    q = q.strip()
    if q:
        match = Q(name__contains=q)
        if _INITIALS.match(q):
            match |= Q(name_initials__startswith=q.lower())
        qs = qs.filter(match)
    if status in Status.values:
        qs = qs.filter(status=status)
    if rank in CadreRank.values:
        qs = qs.filter(cadre_rank=rank)
    if ethnicity:
        qs = qs.filter(ethnicity=ethnicity)
    org = list_org(user=user, org_code=org_code, request=request)
    if org is not None:
        qs = qs.filter(tree.subtree_q([org.path], "org__path"))
    # The ciphertexts are never shown in lists; leave them in the database.
    return qs.select_related("org", "unit").defer("id_number_enc", "phone_enc").order_by(*_order_by(sort))


def members_matching(*, user: Any, filters: MemberFilters, request: HttpRequest | None = None) -> QuerySet[Member]:
    return members_for_list(
        user=user,
        q=filters.q,
        status=filters.status,
        org_code=filters.org_code,
        rank=filters.rank,
        ethnicity=filters.ethnicity,
        sort=filters.sort,
        request=request,
    )


def page_size() -> int:
    return PeopleSettings.current().member_page_size


def _scope_of(user: Any) -> tuple[list[str], int | None]:
    """What decides which people USER sees: the subtrees of their roles, and their own record."""
    return scoping.scope_paths(user), getattr(user, "person_id", None)


def count_matching(*, user: Any, filters: MemberFilters, members: QuerySet[Member]) -> int:
    """How many people MEMBERS (members_matching for USER and FILTERS) holds, kept while no
    organization or person is written: the list's count is the same for everyone of one scope."""
    query = {k: v for k, v in filters.as_params().items() if k != "sort"}
    return registry.kernel_cached("people.list_count", (_scope_of(user), query), members.count)


def ethnicities_for(*, user: Any) -> list[str]:
    """The ethnicities present among the people USER sees, most common first."""

    def found() -> list[str]:
        rows = (
            scoping.visible_members(user)
            .exclude(ethnicity="")
            .values("ethnicity")
            .annotate(n=Count("id"))
            .order_by("-n", "ethnicity")
        )
        return [r["ethnicity"] for r in rows]

    return registry.kernel_cached("people.ethnicities", (_scope_of(user),), found)


def member_detail(*, request: HttpRequest, pk: int) -> Member:
    """One person REQUEST's user may see (a recorded 404 otherwise)."""
    visible = scoping.visible_members(request.user).select_related("org", "unit")
    return scoping.get_visible_or_404(request, visible, pk=pk)


def member_for_change(*, request: HttpRequest, pk: int) -> Member:
    """A person whose organization REQUEST's user manages; anyone else's record is a recorded 404.

    A member can see their own page but not change it, and gets the same 404.
    """
    member = member_detail(request=request, pk=pk)
    if not scoping.can_manage_org(request.user, member.org):
        raise scoping.deny(request, Member, {"pk": pk, "action": "change"}, exists=True, org=member.org_id)
    return member


def posts_of(member: Member) -> tuple[list[Post], list[Post]]:
    """(current posts, past posts), newest first."""
    posts = list(member.posts.select_related("org").order_by("-started_on", "-id"))
    return [p for p in posts if p.ended_on is None], [p for p in posts if p.ended_on is not None]


def transfers_of(member: Member) -> QuerySet[Transfer]:
    return member.transfers.select_related("from_org", "to_org")


def _path_and_above(path: str) -> list[str]:
    """PATH and the materialized paths of every ancestor (each step is `steplen` characters)."""
    step = Organization.steplen
    return [path[:i] for i in range(step, len(path) + 1, step)]


def breadcrumb_of(*, user: Any, org: Organization) -> list[tuple[Organization, bool]]:
    """ORG's ancestors and itself, each with whether USER may open its page."""
    chain = Organization.objects.filter(path__in=_path_and_above(org.path)).order_by("depth")
    return [(o, scoping.can_manage_org(user, o)) for o in chain]


def post_orgs_for(*, user: Any, member: Member) -> QuerySet[Organization]:
    """Where USER may give MEMBER a post: the member's organization or one above it that USER manages."""
    return scoping.visible_orgs(user).filter(path__in=_path_and_above(member.org.path)).order_by("depth")


def transfer_orgs_for(*, user: Any, member: Member) -> QuerySet[Organization]:
    """Where USER may move MEMBER to: any organization USER sees except the current one."""
    return scoping.visible_orgs(user).exclude(pk=member.org_id).order_by("path")


def post_for_change(*, request: HttpRequest, member: Member, post_id: int) -> Post:
    """A post of MEMBER held in an organization REQUEST's user manages (a recorded 404 otherwise)."""
    post = scoping.get_visible_or_404(request, Post.objects.filter(member=member).select_related("org"), pk=post_id)
    if not scoping.can_manage_org(request.user, post.org):
        raise scoping.deny(request, Post, {"pk": post_id, "action": "end"}, exists=True, org=post.org_id)
    return post


def full_time_deputy_posts(*, org: Organization, year: int) -> QuerySet[Post]:
    """专职副书记 posts started in YEAR in ORG's subtree: the records behind the metric."""
    return (
        Post.objects.filter(
            tree.subtree_q([org.path], "org__path"), title=PostTitle.FULL_TIME_DEPUTY, started_on__year=year
        )
        .select_related("member", "org")
        .order_by("started_on", "org__path", "id")
    )


def units_for(*, user: Any, keep: int | None = None) -> QuerySet[Unit]:
    """Units covered by the organizations USER sees (and KEEP, a record's current unit)."""
    covered = Q(organizations__in=scoping.visible_orgs(user))
    if keep is not None:
        covered |= Q(pk=keep)
    return Unit.objects.filter(covered).distinct().order_by("name")
