"""Reads of the organization tree: counts, secretaries, terms.

Everything here takes an Organization queryset that the caller has already
scoped (`dangjian.core.scoping.visible_orgs`, or a subtree of it) and loads
what the tree page, the organization page, the checks and the API need with
a fixed handful of queries, however many organizations there are:

- member counts: ONE grouped query (organization path × status), rolled up
  over the materialized paths in Python;
- current posts (secretaries, group leaders): one query;
- terms (see `terms.py`): one query for elections, one for approved delays;
- units covered: one query.

A `Snapshot` holds the result, one `OrgRow` per organization in path order.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from dangjian.core import registry
from dangjian.core.tree import STEP, ancestor_paths, covering_q, outside_subtree_q, subtree_q
from dangjian.people.models import Member, Post, PostTitle, Status

from .conf import OrgsSettings
from .models import AffiliationChange, Election, Organization, OrgKind, TermExtension
from .terms import Term, TermStatus, term_of

# Re-exported: pages and checks read terms through the snapshot.
__all__ = ["Term", "TermStatus"]

PARTY_STATUSES = (Status.FULL, Status.PROBATIONARY)
# Above this many organizations an IN (...) list of ids gets unwieldy
# (and SQLite caps bound parameters); filter by path prefix instead.
_MAX_IDS_IN_QUERY = 500


# ---------------------------------------------------------------- counts


@dataclass
class Counts:
    """Head counts of one organization. `party` = full + probationary members;
    `people` also counts activists and non-party cadres on the roster."""

    people: int = 0
    party: int = 0
    full: int = 0

    @property
    def probationary(self) -> int:
        return self.party - self.full

    def add(self, status: str, n: int) -> None:
        self.people += n
        if status in PARTY_STATUSES:
            self.party += n
        if status == Status.FULL:
            self.full += n

    def merge(self, other: Counts) -> None:
        self.people += other.people
        self.party += other.party
        self.full += other.full


@dataclass
class MemberCounts:
    direct: Counts = field(default_factory=Counts)  # people whose organization is this one
    total: Counts = field(default_factory=Counts)  # ... this one or any below it


def member_counts(paths: list[str]) -> dict[str, MemberCounts]:
    """Counts for every organization in the subtrees of PATHS, keyed by path.

    One grouped query gives the direct counts; totals then roll up the paths
    from the deepest level to the roots, each organization adding its total
    to its parent's (the parent's path is its own minus one step).
    """
    rows = (
        Member.objects.filter(covering_q(paths, "org__path"))
        .values_list("org__path", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    result: dict[str, MemberCounts] = defaultdict(MemberCounts)
    for path, status, n in rows:
        result[path].direct.add(status, n)
    for counts in list(result.values()):
        counts.total.merge(counts.direct)
    deepest = max((len(p) for p in result), default=0)
    for length in range(deepest, STEP, -STEP):
        for path in [p for p in result if len(p) == length]:
            result[path[:-STEP]].total.merge(result[path].total)
    return result


def counts_of(paths: list[str]) -> dict[str, MemberCounts]:
    """member_counts() of exactly the organizations at PATHS (each with its whole subtree), kept
    while no organization or person is written: every page of the tree reads the same counts."""

    def count() -> dict[str, MemberCounts]:
        found = member_counts(paths)
        return {p: found[p] for p in paths if p in found}

    return registry.kernel_cached("orgs.member_counts", (paths,), count)


# ---------------------------------------------------------------- snapshot


@dataclass
class PostHolder:
    member_id: int
    name: str
    started_on: dt.date


@dataclass
class OrgRow:
    """One organization with what the pages and the checks need about it."""

    org: Organization
    counts: MemberCounts
    term: Term
    secretary: PostHolder | None = None
    group_leader: PostHolder | None = None
    units: list[str] = field(default_factory=list)
    children: list[OrgRow] = field(default_factory=list)
    parent: OrgRow | None = None
    findings: list[Any] = field(default_factory=list)  # filled by compliance, when asked

    @property
    def direct(self) -> Counts:
        return self.counts.direct

    @property
    def total(self) -> Counts:
        return self.counts.total

    @property
    def parent_code(self) -> str:
        return self.parent.org.code if self.parent else ""

    @property
    def has_group_children(self) -> bool:
        return any(c.org.kind == OrgKind.GROUP for c in self.children)


@dataclass
class Snapshot:
    rows: list[OrgRow]  # path order (a depth-first walk)
    as_of: dt.date

    def __post_init__(self) -> None:
        self.by_path = {r.org.path: r for r in self.rows}
        self.by_code = {r.org.code: r for r in self.rows}

    @property
    def roots(self) -> list[OrgRow]:
        return [r for r in self.rows if r.parent is None]

    def subtree(self, path: str) -> list[OrgRow]:
        return [r for r in self.rows if r.org.path.startswith(path)]


def _by_org(rows: QuerySet, ids: list[int], paths: list[str]) -> QuerySet:
    """ROWS (which have an `org` foreign key) of the loaded organizations."""
    if len(ids) <= _MAX_IDS_IN_QUERY:
        return rows.filter(org_id__in=ids)
    return rows.filter(covering_q(paths, "org__path"))


def load_snapshot(orgs: QuerySet[Organization], *, as_of: dt.date | None = None, with_counts: bool = True) -> Snapshot:
    """Everything about ORGS (already scoped by the caller) on AS_OF (default: today).

    Subtree counts always cover the whole subtree, loaded or not. Children
    (and so `has_group_children`) are only known among the loaded
    organizations: load an organization together with its children.
    """
    as_of = as_of or timezone.localdate()
    org_list = list(orgs.order_by("path"))
    ids = [o.pk for o in org_list]
    paths = [o.path for o in org_list]
    if not org_list:
        return Snapshot(rows=[], as_of=as_of)
    counts = counts_of(paths) if with_counts else {}

    holders: dict[tuple[int, str], PostHolder] = {}
    posts = _by_org(Post.objects.all(), ids, paths).filter(
        ended_on__isnull=True, title__in=[PostTitle.SECRETARY, PostTitle.GROUP_LEADER]
    )
    for org_id, title, member_id, name, started_on in posts.order_by("started_on", "id").values_list(
        "org_id", "title", "member_id", "member__name", "started_on"
    ):
        holders[(org_id, title)] = PostHolder(member_id, name, started_on)  # the latest appointment wins

    # Only each organization's latest election by AS_OF: the one its current term runs from.
    latest = Election.objects.filter(org=OuterRef("org"), held_on__lte=as_of).order_by("-held_on", "-id").values("pk")
    current: dict[int, Election] = {
        e.org_id: e for e in _by_org(Election.objects.all(), ids, paths).filter(pk=Subquery(latest[:1]))
    }
    current_ids = {e.pk for e in current.values()}
    extensions: dict[int, list[TermExtension]] = defaultdict(list)
    for x in _by_org(TermExtension.objects.all(), ids, paths).filter(approved_on__lte=as_of):
        if x.election_id in current_ids:
            extensions[x.election_id].append(x)

    units: dict[int, list[str]] = defaultdict(list)
    through = Organization.units.through.objects
    unit_rows = (
        through.filter(organization_id__in=ids)
        if len(ids) <= _MAX_IDS_IN_QUERY
        else through.filter(covering_q(paths, "organization__path"))
    )
    for org_id, unit_name in unit_rows.order_by("unit__name").values_list("organization_id", "unit__name"):
        units[org_id].append(unit_name)

    rows: list[OrgRow] = []
    by_path: dict[str, OrgRow] = {}
    for org in org_list:
        election = current.get(org.pk)
        row = OrgRow(
            org=org,
            counts=counts.get(org.path) or MemberCounts(),
            term=term_of(org, election, extensions.get(election.pk, []) if election else [], as_of),
            secretary=holders.get((org.pk, PostTitle.SECRETARY)),
            group_leader=holders.get((org.pk, PostTitle.GROUP_LEADER)),
            units=units.get(org.pk, []),
        )
        parent = by_path.get(org.path[:-STEP])
        if parent is not None:
            row.parent = parent
            parent.children.append(row)
        by_path[org.path] = row
        rows.append(row)
    return Snapshot(rows=rows, as_of=as_of)


def subtree_of(org: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(subtree_q([org.path]))


def with_children(org: Organization) -> QuerySet[Organization]:
    """ORG and its children: what its own page and its own checks need."""
    return Organization.objects.filter(subtree_q([org.path]), depth__lte=org.depth + 1)


def snapshot_with_children(org: Organization) -> Snapshot:
    """load_snapshot(with_children(ORG)) today, kept while no organization or person is written:
    an organization's page reads it on every visit, whoever looks."""
    parts = (org.path, OrgsSettings.current())
    return registry.kernel_cached("orgs.with_children", parts, lambda: load_snapshot(with_children(org)))


def org_row(org: Organization, *, as_of: dt.date | None = None) -> OrgRow:
    """ORG's row, with its children's rows under it."""
    snapshot = load_snapshot(with_children(org), as_of=as_of)
    return snapshot.by_path[org.path]


# ---------------------------------------------------------------- single organization


def ancestors(org: Organization) -> list[Organization]:
    """ORG's ancestors, root first (for the breadcrumb)."""
    prefixes = ancestor_paths(org.path)[:-1]
    return list(Organization.objects.filter(path__in=prefixes).order_by("depth")) if prefixes else []


def current_posts(org: Organization) -> list[Post]:
    """The posts held in ORG now, secretary first."""
    order = {t: i for i, t in enumerate(PostTitle.values)}
    posts = list(Post.objects.filter(org=org, ended_on__isnull=True).select_related("member"))
    return sorted(posts, key=lambda p: (order.get(p.title, 99), p.started_on))


def affiliation_history(org: Organization) -> QuerySet[AffiliationChange]:
    return org.affiliation_changes.select_related("from_parent", "to_parent").order_by("-changed_on", "-id")


def extension_history(org: Organization) -> QuerySet[TermExtension]:
    return org.term_extensions.select_related("election").order_by("-approved_on", "-id")


def election_history(org: Organization) -> list[Election]:
    """All elections of ORG (those recorded for a future day included), newest first."""
    return list(org.elections.order_by("-held_on", "-id"))


def roster(members: QuerySet[Member], org: Organization) -> QuerySet[Member]:
    """People of ORG's subtree among MEMBERS (the caller's visible people)."""
    return (
        members.filter(subtree_q([org.path], "org__path"))
        .select_related("org", "unit")
        .order_by("org__path", "name", "id")
    )


def move_targets(orgs: QuerySet[Organization], org: Organization) -> QuerySet[Organization]:
    """Organizations among ORGS that ORG may be moved under (kind allows it; not itself or below)."""
    from .models import ALLOWED_CHILDREN

    parent_kinds = [k for k, children in ALLOWED_CHILDREN.items() if org.kind in children]
    targets = orgs.filter(outside_subtree_q(org.path), kind__in=parent_kinds)
    if org.depth > 1:
        targets = targets.exclude(path=org.path[:-STEP])
    return targets.order_by("path")


# ---------------------------------------------------------------- records behind the statistics


def year_end(year: int, today: dt.date | None = None) -> dt.date:
    """31 December of YEAR, or TODAY when YEAR is under way."""
    today = today or timezone.localdate()
    end = dt.date(year, 12, 31)
    return min(end, today) if year >= today.year else end


def affiliation_changes_in(orgs: QuerySet[Organization], year: int | None = None) -> QuerySet[AffiliationChange]:
    """Affiliation changes of organizations among ORGS (where they sit now), in YEAR if given."""
    changes = AffiliationChange.objects.filter(org__in=orgs.values("pk")).select_related("org")
    if year is not None:
        changes = changes.filter(changed_on__year=year)
    return changes.order_by("-changed_on", "-id")


def elections_in(orgs: QuerySet[Organization], year: int | None = None) -> QuerySet[Election]:
    elections = Election.objects.filter(org__in=orgs.values("pk")).select_related("org")
    if year is not None:
        elections = elections.filter(held_on__year=year)
    return elections.order_by("-held_on", "-id")


def overdue_rows(orgs: QuerySet[Organization], *, as_of: dt.date) -> list[OrgRow]:
    """Organizations among ORGS whose term had run out on AS_OF (founded by then)."""
    existing = orgs.filter(Q(founded_on__isnull=True) | Q(founded_on__lte=as_of))
    snapshot = load_snapshot(existing, as_of=as_of, with_counts=False)
    return [r for r in snapshot.rows if r.term.status == TermStatus.OVERDUE]


# ---------------------------------------------------------------- figures of many organizations at once
# A registered metric's `per_org` (see dangjian.core.registry): each of many organizations' figure,
# each for its own subtree, from one grouped query per tree instead of one query per organization.


def roots_covering(orgs: Sequence[Organization]) -> list[Organization]:
    """One organization per tree ORGS lie in: the deepest common ancestor of those in it (one query at most)."""
    groups: dict[str, str] = {}
    for o in orgs:
        common = groups.get(o.path[:STEP])
        if common is None:
            common = o.path
        while not o.path.startswith(common):
            common = common[:-STEP]
        groups[o.path[:STEP]] = common
    by_path = {o.path: o for o in orgs}
    missing = [p for p in groups.values() if p not in by_path]
    if missing:
        by_path.update({o.path: o for o in Organization.objects.filter(path__in=missing)})
    return [by_path[p] for p in groups.values()]


def roll_up(orgs: Sequence[Organization], found: Iterable[tuple[str, Any]], zero: Any = 0) -> dict[int, Any]:
    """Each of ORGS' sum of the values FOUND as (path, value) inside its subtree."""
    result: dict[int, Any] = {o.pk: zero for o in orgs}
    ids_at: dict[str, list[int]] = defaultdict(list)
    for o in orgs:
        ids_at[o.path].append(o.pk)
    for path, value in found:
        for p in ancestor_paths(path):
            for pk in ids_at.get(p, ()):
                result[pk] += value
    return result


def roll_up_distinct(orgs: Sequence[Organization], found: Iterable[tuple[str, Any]]) -> dict[int, int]:
    """Each of ORGS' number of distinct things FOUND as (path, thing) inside its subtree."""
    seen: dict[int, set[Any]] = {o.pk: set() for o in orgs}
    ids_at: dict[str, list[int]] = defaultdict(list)
    for o in orgs:
        ids_at[o.path].append(o.pk)
    for path, thing in found:
        for p in ancestor_paths(path):
            for pk in ids_at.get(p, ()):
                seen[pk].add(thing)
    return {pk: len(things) for pk, things in seen.items()}


def _records_per_tree(
    orgs: Sequence[Organization], year: int, records: Callable[[Organization, int], QuerySet[Any]]
) -> list[QuerySet[Any]]:
    """RECORDS(root, year) for the root of each tree ORGS lie in: one queryset per tree, or, for
    many trees (a province's hundred committees), the trees' querysets combined with OR into one,
    so each figure costs one query, not one per committee (their subtrees are disjoint: no record
    is in two). Querysets that cannot be combined (distinct, sliced) are asked one by one."""
    parts = [records(root, year) for root in roots_covering(orgs)]
    if len(parts) < 2:
        return parts
    try:
        return [functools.reduce(operator.or_, parts)]
    except TypeError:
        return parts


def count_per_org(
    orgs: Sequence[Organization],
    year: int,
    records: Callable[[Organization, int], QuerySet[Any]],
    org_field: str = "org",
) -> dict[int, int]:
    """RECORDS(org, year).count() for each of ORGS, where RECORDS is a subtree filter on ORG_FIELD
    ("" for a queryset of organizations) with one organization per record: one grouped query per tree."""
    field = f"{org_field}__path" if org_field else "path"
    found: list[tuple[str, int]] = []
    for qs in _records_per_tree(orgs, year, records):
        rows = qs.values(field).annotate(n=Count("pk", distinct=True)).order_by()
        found += [(r[field], r["n"]) for r in rows]
    return roll_up(orgs, found)


def sum_per_org(
    orgs: Sequence[Organization],
    year: int,
    records: Callable[[Organization, int], QuerySet[Any]],
    value: str,
    org_field: str = "org",
    zero: Any = 0,
) -> dict[int, Any]:
    """The sum of VALUE over RECORDS(org, year) for each of ORGS (see count_per_org)."""
    field = f"{org_field}__path" if org_field else "path"
    found: list[tuple[str, Any]] = []
    for qs in _records_per_tree(orgs, year, records):
        rows = qs.values(field).annotate(s=Sum(value)).order_by()
        found += [(r[field], r["s"]) for r in rows if r["s"] is not None]
    return roll_up(orgs, found, zero)


def units_adjusted_per_org(orgs: Sequence[Organization], year: int) -> dict[int, int]:
    """orgs.units_adjusted of each of ORGS: distinct units of the organizations whose affiliation changed."""
    paths = [o.path for o in orgs]
    if not paths:
        return {}
    pairs = (
        Organization.objects.filter(covering_q(paths), affiliation_changes__changed_on__year=year)
        .exclude(units=None)
        .values_list("path", "units")
        .distinct()
    )
    return roll_up_distinct(orgs, pairs)


def elections_held_per_org(orgs: Sequence[Organization], year: int) -> dict[int, int]:
    paths = [o.path for o in orgs]
    if not paths:
        return {}
    rows = (
        Election.objects.filter(covering_q(paths, "org__path"), held_on__year=year)
        .values("org__path")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return roll_up(orgs, [(r["org__path"], r["n"]) for r in rows])


def elections_overdue_per_org(orgs: Sequence[Organization], year: int) -> dict[int, int]:
    paths = [o.path for o in orgs]
    if not paths:
        return {}
    rows = overdue_rows(Organization.objects.filter(covering_q(paths)), as_of=year_end(year))
    return roll_up(orgs, [(r.org.path, 1) for r in rows])
