"""Approvals, elections, posts and changes of affiliation for a planned committee.

Dates are laid out around TODAY so the findings a demo shows (terms due soon,
overdue, extended) stay true whenever the data is seeded.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from typing import TYPE_CHECKING

from dangjian.orgs.conf import OrgsSettings
from dangjian.orgs.models import Adjustment, OrgKind, add_years
from dangjian.people.models import CadreRank, PostTitle, Status

from .catalog import Catalog, localize
from .shapes import ChangePlan, ElectionPlan, ExtensionPlan, OrgPlan, PersonPlan, PostPlan

if TYPE_CHECKING:
    from .plan import Scale

HAS_TERMS = (OrgKind.COMMITTEE, OrgKind.PARTY_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH)
DUE_SOON, OVERDUE, EXTENDED = "TERM_DUE_SOON", "TERM_OVERDUE", "extended"


class Docs:
    """The committee's document numbers, e.g. 市直机关工委〔2019〕12号: rising within a year, never reused."""

    def __init__(self, rng: random.Random, prefix: str) -> None:
        self.rng, self.prefix = rng, prefix
        self.last: dict[int, int] = {}
        self.taken: set[tuple[int, int]] = set()

    def take(self, year: int, number: int) -> str:
        self.taken.add((year, number))
        return f"{self.prefix}〔{year}〕{number}号"

    def next(self, year: int) -> str:
        number = self.last.get(year, 0) + self.rng.randint(1, 3)
        while (year, number) in self.taken:
            number += 1
        self.last[year] = number
        return self.take(year, number)


def _counts(org: OrgPlan) -> tuple[int, int]:
    """(party members, everyone) in ORG's subtree."""
    people = org.subtree_people()
    return sum(1 for p in people if p.status in (Status.FULL, Status.PROBATIONARY)), len(people)


def _date_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def plan_approvals(rng: random.Random, root: OrgPlan, *, docs: Docs, today: dt.date) -> None:
    """Approval documents for the 党委 and 党总支 smaller (or larger) than the rules' sizes.

    Every such organization has its approval on record except one 党委
    (PARTY_COMMITTEE_SIZE) and the 党总支 planned out of rule (GENERAL_BRANCH_SIZE).
    """
    rules = OrgsSettings.current()
    low, high = rules.general_branch_range
    small_pcs = []
    for org in root.walk():
        party, everyone = _counts(org)
        if org.kind == OrgKind.PARTY_COMMITTEE and min(party, everyone) < rules.party_committee_min:
            small_pcs.append(org)
        elif org.kind == OrgKind.GENERAL_BRANCH and not org.anomaly:
            if not (low <= party <= high and low <= everyone <= high):
                org.approval_doc = docs.next(rng.randint(2012, today.year - 1))
    if small_pcs:
        rng.choice(small_pcs).anomaly = "PARTY_COMMITTEE_SIZE"
    for org in small_pcs:
        if not org.anomaly:
            org.approval_doc = docs.next(rng.randint(2008, today.year - 1))


def plan_elections(rng: random.Random, root: OrgPlan, *, scale: Scale, docs: Docs, today: dt.date) -> None:
    """Each organization's elections, the latest placed so that a few terms are due soon, overdue or extended."""
    orgs = [o for o in root.walk() if o.kind in HAS_TERMS and o.parent is not None]
    shuffled = rng.sample(orgs, len(orgs))
    status: dict[int, str] = {}
    # Shares of the whole (at least one of each, so every finding appears), the
    # demo taking the minimum.
    start = 0
    shares = ((DUE_SOON, scale.due_soon, 2), (OVERDUE, scale.overdue, 1), (EXTENDED, scale.extended, 1))
    for label, share, least in shares:
        count = max(least, round(len(orgs) * share))
        for org in shuffled[start : start + count]:
            status[id(org)] = label
        start += count

    # One organization whose elections were never entered (NO_TERM_RECORD) and
    # one whose last election had as many candidates as seats (ELECTION_FEW_CANDIDATES).
    spare = [o for o in shuffled[start:] if not o.anomaly and o.kind != OrgKind.COMMITTEE]
    spare[0].anomaly = "NO_TERM_RECORD"
    next(o for o in spare[1:] if o.kind != OrgKind.BRANCH or o.has_branch_committee).anomaly = "ELECTION_FEW_CANDIDATES"

    for org in root.walk():
        if org.kind not in HAS_TERMS:
            continue
        if org.anomaly == "NO_TERM_RECORD":
            org.founded_on = today - dt.timedelta(days=rng.randint(200, 700))
            _found_groups(org, org.founded_on)
            continue
        years = OrgsSettings.current().term_years[org.kind]
        label = status.get(id(org), "")
        if label == DUE_SOON:
            held = add_years(today + dt.timedelta(days=rng.randint(20, 150)), -years)
        elif label == OVERDUE:
            held = add_years(today - dt.timedelta(days=rng.randint(15, 300)), -years)
        elif label == EXTENDED:
            held = add_years(today - dt.timedelta(days=rng.randint(10, 200)), -years)
        else:  # the next election is more than seven months away
            held = today - dt.timedelta(days=rng.randint(10, years * 365 - 215))
        org.elections = _history(rng, org, held, years, docs)
        if org.anomaly == "ELECTION_FEW_CANDIDATES":
            org.elections[-1].candidates = org.elections[-1].seats  # 等额选举
        if label == EXTENDED:
            due = add_years(held, years)
            org.extension = _extension(rng, due, today, docs)
        _found(rng, org)


def _history(rng: random.Random, org: OrgPlan, latest: dt.date, years: int, docs: Docs):
    held = [latest]
    for _ in range(2):
        if rng.random() < 0.3:
            break
        jitter = rng.randint(-150, 150) if rng.random() < 0.12 else rng.randint(-40, 40)
        earlier = add_years(held[-1], -years) + dt.timedelta(days=jitter)
        if earlier.year < 2010:
            break
        held.append(earlier)
    held.reverse()
    elections = []
    for i, day in enumerate(held):
        seats = _seats(rng, org)
        surplus = OrgsSettings.current().candidate_surplus
        candidates = math.ceil(round(seats * (1 + surplus), 6)) + rng.choice((0, 0, 1))
        election = ElectionPlan(held_on=day, seats=seats, candidates=candidates)
        if i:
            shift = (day - add_years(held[i - 1], years)).days
            if abs(shift) > 45:  # off the due date by more than weeks: approved in advance
                election.adjustment = Adjustment.DELAYED if shift > 0 else Adjustment.ADVANCED
                election.approval_doc = docs.next(day.year)
        elections.append(election)
    return elections


def _seats(rng: random.Random, org: OrgPlan) -> int:
    if org.kind in (OrgKind.COMMITTEE, OrgKind.PARTY_COMMITTEE):
        return rng.choice((5, 7, 7, 9))
    if org.kind == OrgKind.GENERAL_BRANCH:
        return rng.choice((3, 5, 5))
    return rng.choice((3, 5)) if org.has_branch_committee else 1


def _extension(rng: random.Random, due: dt.date, today: dt.date, docs: Docs):
    extended_to = min(add_years(due, 1), due + dt.timedelta(days=rng.randint(240, 360)))
    approved_on = due - dt.timedelta(days=rng.randint(15, 90))
    reason = rng.choice(
        (
            "单位机构改革尚未完成，经批准推迟换届",
            "党组织书记岗位调整，经批准延期换届",
            "单位主要负责人变动，经研究延期换届",
        )
    )
    return ExtensionPlan(
        extended_to=extended_to, approved_on=approved_on, doc_number=docs.next(approved_on.year), reason=reason
    )


def _found(rng: random.Random, org: OrgPlan) -> None:
    first = org.elections[0].held_on
    org.founded_on = max(dt.date(1978, 1, 1), first - dt.timedelta(days=rng.randint(0, 3000)))
    _found_groups(org, org.elections[-1].held_on)


def _found_groups(org: OrgPlan, day: dt.date) -> None:
    for group in org.children:
        if group.kind == OrgKind.GROUP:
            group.founded_on = day


def plan_posts(rng: random.Random, root: OrgPlan, *, scale: Scale, today: dt.date) -> list[PostPlan]:
    """Secretaries, deputies and committee members, current and past; a few organizations lack a secretary."""
    candidates = [
        o for o in root.walk() if o.kind in (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH) and not o.anomaly and o.parent
    ]
    without = {id(o) for o in rng.sample(candidates, min(scale.no_secretary, len(candidates)))}
    for org in root.walk():
        if id(org) in without:
            org.anomaly = org.anomaly or "NO_SECRETARY"
    posts: list[PostPlan] = []
    held: dict[int, set[int]] = defaultdict(set)  # org → people holding a post there now

    def pick(org: OrgPlan, start: dt.date, prefer: tuple[str, ...] = ()) -> PersonPlan | None:
        pool = [
            p
            for p in org.subtree_people()
            if p.status == Status.FULL and id(p) not in held[id(org)] and (p.joined_party_on or start) < start
        ]
        if not pool:
            return None
        preferred = [p for p in pool if p.cadre_rank in prefer]
        return rng.choice(preferred or pool)

    def assign(org: OrgPlan, title: str, start: dt.date, prefer: tuple[str, ...] = (), end: dt.date | None = None):
        person = pick(org, start, prefer)
        if person is not None:
            posts.append(PostPlan(person=person, org=org, title=title, started_on=start, ended_on=end))
            if end is None:
                held[id(org)].add(id(person))
        return person

    senior = (CadreRank.DIVISION, CadreRank.BUREAU)
    middle = (CadreRank.SECTION, CadreRank.DIVISION)
    for org in root.walk():
        if org.kind == OrgKind.GROUP:
            if org.people:
                assign(org, PostTitle.GROUP_LEADER, org.founded_on or today, middle)
            continue
        elected = org.elections[-1].held_on if org.elections else org.founded_on
        start = elected if rng.random() < 0.75 else _date_in(rng, elected, today - dt.timedelta(days=7))
        if len(org.elections) > 1 and rng.random() < 0.35:  # the secretary of the previous term
            assign(org, PostTitle.SECRETARY, org.elections[-2].held_on, middle, end=elected)
        if id(org) in without:
            if rng.random() < 0.5:  # the secretary left and no one has been appointed
                left = today - dt.timedelta(days=rng.randint(30, 200))
                assign(org, PostTitle.SECRETARY, elected, middle, end=max(left, elected + dt.timedelta(days=1)))
        else:
            assign(org, PostTitle.SECRETARY, start, senior if org.kind != OrgKind.BRANCH else middle)
        party, _ = _counts(org)
        if org.kind in (OrgKind.COMMITTEE, OrgKind.PARTY_COMMITTEE):
            assign(org, PostTitle.DEPUTY_SECRETARY, elected, senior)
            if org.kind == OrgKind.COMMITTEE or party >= 150 or (scale.name == "demo" and party >= 60):
                assign(org, PostTitle.FULL_TIME_DEPUTY, _full_time_start(rng, today), middle)
            for title in (PostTitle.DISCIPLINE, PostTitle.ORGANIZATION, PostTitle.PUBLICITY):
                assign(org, title, elected, middle)
            for _ in range(rng.randint(1, 2)):
                assign(org, PostTitle.COMMITTEE_MEMBER, elected)
        elif org.kind == OrgKind.GENERAL_BRANCH:
            if rng.random() < 0.5:
                assign(org, PostTitle.DEPUTY_SECRETARY, elected, middle)
            for title in (PostTitle.ORGANIZATION, PostTitle.PUBLICITY, PostTitle.DISCIPLINE):
                assign(org, title, elected)
        elif org.has_branch_committee:
            if party >= 15 and rng.random() < 0.5:
                assign(org, PostTitle.DEPUTY_SECRETARY, elected, middle)
            titles = [PostTitle.ORGANIZATION, PostTitle.PUBLICITY]
            if rng.random() < 0.6:
                titles.append(PostTitle.DISCIPLINE)
            for title in titles:
                assign(org, title, elected)
        elif party >= 4 and (id(org) in without or rng.random() < 0.2):
            assign(org, PostTitle.DEPUTY_SECRETARY, elected)
    return posts


def _full_time_start(rng: random.Random, today: dt.date) -> dt.date:
    """Full-time deputy secretaries were appointed over the years; about a third this year."""
    jan1 = dt.date(today.year, 1, 1)
    if rng.random() < 0.34 and today > jan1:
        return _date_in(rng, jan1, today)
    return _date_in(rng, dt.date(today.year - 6, 1, 1), jan1 - dt.timedelta(days=1))


def plan_changes(
    rng: random.Random, root: OrgPlan, *, catalog: Catalog, place: str, docs: Docs, today: dt.date
) -> None:
    """Moves after the 2019 institutional reform (all under one document), and the few of the last two years."""
    reform_doc = docs.take(2019, 12)
    by_name = {o.name: o for o in root.walk()}
    for bureau in catalog.bureaus:
        if bureau.reform_from is None:
            continue
        pc = by_name[f"{localize(bureau.name, place)}机关党委"]
        for org in pc.children:
            if not org.attached_unit:
                continue
            from_parent = None if bureau.reform_from else root
            org.change = ChangePlan(
                from_parent=from_parent,
                from_parent_name=localize(bureau.reform_from, place) if bureau.reform_from else root.name,
                changed_on=dt.date(2019, rng.randint(3, 6), rng.randint(1, 28)),
                reason=f"机构改革，{org.attached_unit}划入{localize(bureau.name, place)}",
                doc_number=reform_doc,
            )
            _found_before(rng, org, org.change.changed_on)
    for i, (body, _, reason) in enumerate(catalog.recent_moves):
        org = by_name[f"{localize(body, place)}机关党支部"]
        year = today.year - i
        end = min(today - dt.timedelta(days=3), dt.date(year, 12, 20))
        start = dt.date(year, 1, 5)
        if end < start:  # the first days of January: last year's move
            start, end = dt.date(year - 1, 1, 5), dt.date(year - 1, 12, 20)
        changed_on = _date_in(rng, start, end)
        org.change = ChangePlan(
            from_parent=root,
            from_parent_name=root.name,
            changed_on=changed_on,
            reason=reason,
            doc_number=docs.next(changed_on.year),
        )
        _found_before(rng, org, changed_on)


def _found_before(rng: random.Random, org: OrgPlan, day: dt.date) -> None:
    if org.founded_on is None or org.founded_on >= day:
        org.founded_on = day - dt.timedelta(days=rng.randint(400, 4000))
