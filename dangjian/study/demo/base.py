"""What the study seeders share: the committee's people and organizations, loaded once, and raw inserts."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from dangjian.core import bulk, tree
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member, Post, Status

from ..models import Mark
from ..selectors.people import COMMITTEE_TITLES

PARTY = (Status.FULL, Status.PROBATIONARY)

EXCUSES = ("公务出差", "因病请假", "参加上级调训", "休假", "家中有事请假", "外出执行任务", "值班值守")
ABSENCES = ("未请假缺席", "临时公务未能参加", "联系不上")


@dataclass
class Person:
    pk: int
    org_id: int
    path: str
    status: str
    rank: str
    name: str


@dataclass
class Org:
    pk: int
    code: str
    name: str
    kind: str
    path: str
    depth: int
    founded_on: dt.date | None
    has_committee: bool
    people: list[Person] = field(default_factory=list)  # direct

    @property
    def unit_name(self) -> str:
        for suffix in ("机关党委", "机关党总支", "党总支", "机关党支部", "党支部"):
            if self.name.endswith(suffix):
                return self.name[: -len(suffix)]
        return self.name


@dataclass
class World:
    """The committee as the seeders need it: organizations in path order, people, current committees."""

    root: Org
    orgs: list[Org]
    people: list[Person]
    committees: dict[int, list[int]]  # org id → person ids of its committee
    by_path: dict[str, Org]

    def subtree(self, org: Org, *, party_only: bool = True) -> list[Person]:
        """People of ORG and the organizations below it (orgs are in path order: a contiguous run)."""
        paths = [o.path for o in self.orgs]
        start = bisect.bisect_left(paths, org.path)
        found: list[Person] = []
        for o in self.orgs[start:]:
            if not tree.is_within(o.path, [org.path]):
                break
            found.extend(p for p in o.people if not party_only or p.status in PARTY)
        return found


def load_world(root: Organization) -> World:
    orgs = [
        Org(pk, code, name, kind, path, depth, founded_on, has_committee)
        for pk, code, name, kind, path, depth, founded_on, has_committee in Organization.objects.filter(
            tree.subtree_q([root.path])
        )
        .order_by("path")
        .values_list("pk", "code", "name", "kind", "path", "depth", "founded_on", "has_branch_committee")
    ]
    by_id = {o.pk: o for o in orgs}
    people = []
    for pk, org_id, status, rank, name in (
        Member.objects.filter(tree.subtree_q([root.path], "org__path"))
        .order_by("org__path", "pk")
        .values_list("pk", "org_id", "status", "cadre_rank", "name")
    ):
        person = Person(pk, org_id, by_id[org_id].path, status, rank, name)
        by_id[org_id].people.append(person)
        people.append(person)
    committees: dict[int, list[int]] = defaultdict(list)
    # The demo's post history is short (most posts began lately): the current
    # committee stands in for the earlier ones, or older months would lack quorum.
    for org_id, member_id in (
        Post.objects.filter(tree.subtree_q([root.path], "org__path"), title__in=COMMITTEE_TITLES, ended_on__isnull=True)
        .order_by("org_id", "member_id")
        .values_list("org_id", "member_id")
        .distinct()
    ):
        committees[org_id].append(member_id)
    return World(root=orgs[0], orgs=orgs, people=people, committees=dict(committees), by_path={o.path: o for o in orgs})


def bound_orgs(world: World) -> list[Org]:
    return [o for o in world.orgs if o.kind in (OrgKind.BRANCH, OrgKind.GROUP)]


def pick_mark(
    rng: random.Random, *, present: float = 0.92, late: float = 0.02, excused: float = 0.05
) -> tuple[str, str]:
    return pick_marks(rng, 1, present=present, late=late, excused=excused)[0]


_STATUSES = (Mark.PRESENT.value, Mark.LATE.value, Mark.EXCUSED.value, Mark.ABSENT.value)


def pick_marks(
    rng: random.Random, n: int, *, present: float = 0.92, late: float = 0.02, excused: float = 0.05
) -> list[tuple[str, str]]:
    """N marks drawn at once (a million one by one would cost seconds): mostly present, absences with reasons."""
    cum = (present, present + late, present + late + excused, 1.0)
    marks = []
    for status in rng.choices(_STATUSES, cum_weights=cum, k=n):
        if status == "excused":
            marks.append((status, rng.choice(EXCUSES)))
        elif status == "absent":
            marks.append((status, rng.choice(ABSENCES)))
        else:
            marks.append((status, ""))
    return marks


def day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """INSERT ROWS (tuples in COLUMNS order, dates as dates) without model objects: COPY on
    PostgreSQL, prepared statements elsewhere (core.bulk.insert_rows).

    For the million attendance rows; parents go through bulk_create, which gives back their keys.
    """
    return bulk.insert_rows(model, columns, rows)


def insert_keyed(model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """INSERT ROWS like `insert` and return their new primary keys, in order.

    Seeding is the only writer: keys above the largest before are the new rows,
    handed out in insertion order (SQLite's rowid, PostgreSQL's sequence).
    """
    before = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
    insert(model, columns, rows)
    keys = list(model._default_manager.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
    if len(keys) != len(rows):
        raise RuntimeError(f"{model.__name__}: inserted {len(rows)} rows, found {len(keys)}")
    return keys
