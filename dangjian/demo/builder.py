"""Writing planned committees to the database, fast.

Seeding is not a user's write, so auditlog is switched off and the rows go in
with core.bulk (COPY on PostgreSQL, bulk_create elsewhere; tree paths
precomputed, personal data encrypted through the Member properties); one
audit entry records that seed_demo ran. The province scale is written one
committee at a time, each in its own transaction, so memory stays bounded.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from auditlog.context import disable_auditlog
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from dangjian.core import audit, bulk, dbstats, registry
from dangjian.core.bulk import bulk_insert
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import AffiliationChange, Election, Organization, TermExtension, Unit
from dangjian.people.models import Member, Post
from dangjian.people.pinyin import initials

from .accounts import create_demo_accounts
from .extensions import seeders
from .plan import SCALES, plan_committee
from .shapes import CommitteePlan


@dataclass
class SeedResult:
    scale: str
    seed: int
    today: dt.date
    committees: int = 0
    units: int = 0
    organizations: int = 0
    people: int = 0
    posts: int = 0
    seconds: float = 0.0
    extra: dict[str, int] = field(default_factory=dict)  # counts reported by the apps' seeders


def seed(
    *,
    scale: str,
    seed: int = 1,
    today: dt.date | None = None,
    people: bool = True,
    accounts: bool = True,
    progress: Callable[[str], None] | None = None,
) -> SeedResult:
    """Seed SCALE into an empty database. PEOPLE=False leaves the roster empty (to import it)."""
    spec = SCALES[scale]
    today = today or timezone.localdate()
    result = SeedResult(scale=scale, seed=seed, today=today)
    started = time.perf_counter()
    first_root: Organization | None = None
    with disable_auditlog():
        for index in range(spec.committees):
            plan = plan_committee(scale=spec, seed=seed, today=today, index=index, root_step=index + 1)
            with transaction.atomic(), bulk.foreign_keys_checked_at_end():
                _no_wait_for_commit()
                orgs, members = _write(plan, people=people, result=result)
                if first_root is None:
                    first_root = orgs[id(plan.root)]
                    if accounts:
                        _accounts(plan, orgs, members)
                # After the accounts, so an app's demo data can involve them (gongwei as an observer …).
                ctx = SeedContext(
                    scale=scale,
                    seed=seed,
                    today=today,
                    root=orgs[id(plan.root)],
                    committee_index=index,
                    people=people,
                    with_accounts=accounts and index == 0,
                )
                for _name, seeder in seeders():
                    seeder(ctx)
                for key, value in ctx.counts.items():
                    result.extra[key] = result.extra.get(key, 0) + value
            result.committees += 1
            if progress and spec.committees > 1:
                progress(f"  {index + 1}/{spec.committees} {plan.root.name}：累计 {result.people} 人")
            del plan, orgs, members  # the next committee starts from nothing
            reset_queries()  # under DEBUG, Django keeps every statement (bulk inserts are long)
            gc.collect()
    dbstats.refresh()  # the planner's statistics for the tables just filled
    registry.figures_changed()  # bulk inserts send no signals
    result.seconds = time.perf_counter() - started
    assert first_root is not None
    audit.record(
        audit.Event.IMPORT,
        target=first_root,
        org=first_root,
        object_repr="演示数据（seed_demo）",
        data={
            "command": "seed_demo",
            "scale": scale,
            "seed": seed,
            "today": today.isoformat(),
            "organizations": result.organizations,
            "people": result.people,
            **result.extra,
        },
    )
    return result


def _no_wait_for_commit() -> None:
    """On PostgreSQL, the committee's COMMIT does not wait for its WAL to reach the disk.

    A crash may lose the last committee seeded (never half of one); the seed is
    run again into an empty database anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def _accounts(plan: CommitteePlan, orgs: dict[int, Organization], members: dict[int, Member]) -> None:
    # Without people (a roster to be imported), the member account has no person yet.
    member = members.get(id(plan.member)) if plan.member is not None else None
    create_demo_accounts(
        committee=orgs[id(plan.root)], finance=orgs[id(plan.finance)], education=orgs[id(plan.education)], member=member
    )


@lru_cache(maxsize=50_000)
def _initials(name: str) -> str:
    return initials(name)


def _write(
    plan: CommitteePlan, *, people: bool, result: SeedResult
) -> tuple[dict[int, Organization], dict[int, Member]]:
    units = bulk_insert(Unit, [Unit(name=name) for name in plan.units])
    unit_ids = {u.name: u.pk for u in units}

    planned = plan.orgs
    rows = [
        Organization(
            code=o.code,
            name=o.name,
            kind=o.kind,
            founded_on=o.founded_on,
            has_branch_committee=o.has_branch_committee,
            approval_doc=o.approval_doc,
            path=o.path,
            depth=len(o.path) // Organization.steplen,
            numchild=len(o.children),
        )
        for o in planned
    ]
    bulk_insert(Organization, rows)
    orgs = {id(o): row for o, row in zip(planned, rows, strict=True)}
    Through = Organization.units.through
    bulk_insert(
        Through, [Through(organization_id=orgs[id(o)].pk, unit_id=unit_ids[u]) for o in planned for u in o.units]
    )
    _write_terms(planned, orgs)

    members: dict[int, Member] = {}
    if people:
        members = _write_people(plan, orgs, unit_ids)
        bulk_insert(
            Post,
            [
                Post(
                    member=members[id(p.person)],
                    org=orgs[id(p.org)],
                    title=p.title,
                    started_on=p.started_on,
                    ended_on=p.ended_on,
                )
                for p in plan.posts
            ],
        )
        result.posts += len(plan.posts)
    result.units += len(units)
    result.organizations += len(rows)
    result.people += len(members)
    return orgs, members


def _write_terms(planned, orgs: dict[int, Organization]) -> None:
    elections: list[tuple[object, Election]] = []
    for o in planned:
        for e in o.elections:
            elections.append(
                (
                    o,
                    Election(
                        org=orgs[id(o)],
                        held_on=e.held_on,
                        seats=e.seats,
                        candidates=e.candidates,
                        adjustment=e.adjustment,
                        approval_doc=e.approval_doc,
                    ),
                )
            )
    bulk_insert(Election, [e for _, e in elections])
    latest = {id(o): e for o, e in elections}  # oldest first, so the last one stays
    bulk_insert(
        TermExtension,
        [
            TermExtension(
                org=orgs[id(o)],
                election=latest[id(o)],
                extended_to=o.extension.extended_to,
                approved_on=o.extension.approved_on,
                doc_number=o.extension.doc_number,
                reason=o.extension.reason,
            )
            for o in planned
            if o.extension is not None
        ],
    )
    bulk_insert(
        AffiliationChange,
        [
            AffiliationChange(
                org=orgs[id(o)],
                from_parent=orgs[id(o.change.from_parent)] if o.change.from_parent is not None else None,
                to_parent=orgs[id(o.parent)],
                from_parent_name=o.change.from_parent_name,
                to_parent_name=o.parent.name,
                changed_on=o.change.changed_on,
                reason=o.change.reason,
                doc_number=o.change.doc_number,
            )
            for o in planned
            if o.change is not None and o.parent is not None
        ],
    )


def _write_people(plan: CommitteePlan, orgs: dict[int, Organization], unit_ids: dict[str, int]) -> dict[int, Member]:
    planned = plan.people
    rows = []
    for p in planned:
        m = Member(
            name=p.name,
            name_initials=_initials(p.name),
            gender=p.gender,
            ethnicity=p.ethnicity,
            birth_date=p.birth_date,
            education=p.education,
            unit_id=unit_ids[p.unit],
            job_title=p.job_title,
            cadre_rank=p.cadre_rank,
            status=p.status,
            joined_party_on=p.joined_party_on,
            org=orgs[id(p.org)],
        )
        m.id_number = p.id_number
        m.phone = p.phone
        rows.append(m)
    bulk_insert(Member, rows)
    return {id(p): m for p, m in zip(planned, rows, strict=True)}
