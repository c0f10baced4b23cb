"""A committee's demo data as plain Python objects, before anything touches the database.

`plan_committee` lays out the organization tree from a catalog, sizes every
branch, divides the large ones into party groups, and marks a few
organizations to break a setup rule on purpose, so every finding of the
compliance check shows up. `persons` fills in the people and `terms` the
elections, posts and changes of affiliation. Same seed, same plan.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Status

from . import persons, terms
from .catalog import CITY, DEMO, PLACES, Catalog, localize
from .names import IdNumbers, ordinal
from .shapes import (
    BRANCH_ANOMALIES,
    GROUP_TOO_SMALL,
    NEEDS_COMMITTEE,
    NEEDS_GROUPS,
    TOO_FEW,
    TOO_LARGE,
    CommitteePlan,
    OrgPlan,
    PersonPlan,
)

BRANCH_CAP = 48  # a clean branch stays at or under this headcount (the rule says 50)
GROUPS_FROM = 20


@dataclass(frozen=True)
class Scale:
    name: str
    catalog: Catalog
    people: int  # per committee
    committees: int
    branch_target: int  # typical headcount of a branch
    office_size: int  # the committee's own 机关党支部
    anomalies: int  # branches per branch-level breach
    due_soon: float  # share of organizations whose term ends within 6 months …
    overdue: float
    extended: float
    no_secretary: int


SCALES: dict[str, Scale] = {
    "demo": Scale("demo", DEMO, 300, 1, 22, 12, 1, 0.0, 0.0, 0.0, 1),
    "city": Scale("city", CITY, 12_000, 1, 36, 26, 2, 0.06, 0.03, 0.02, 3),
    "province": Scale("province", CITY, 12_000, 100, 36, 26, 2, 0.06, 0.03, 0.02, 3),
}


def plan_committee(*, scale: Scale, seed: int, today: dt.date, index: int = 0, root_step: int = 1) -> CommitteePlan:
    """The whole plan of committee number INDEX (0 for demo and city)."""
    place_code, place = ("", "") if scale.committees == 1 else _place(index)
    rng = random.Random(f"dangjian-demo:{seed}:{scale.name}:{index}")
    code = "GW" if scale.committees == 1 else f"GW{index + 1:03d}"

    root, finance, education = _skeleton(rng, scale, place, code)
    _size_and_shape(rng, scale, root)
    _divide_into_groups(rng, root)

    ids = IdNumbers(random.Random(f"dangjian-ids:{seed}:{index}"), None if scale.committees == 1 else index % 100)
    persons.populate(random.Random(f"dangjian-people:{seed}:{index}"), root, ids=ids, today=today, home=place_code)

    _branch_committees(root)
    term_rng = random.Random(f"dangjian-terms:{seed}:{index}")
    docs = terms.Docs(term_rng, localize("市直机关工委", place))
    docs.take(2019, 12)  # the reform's document, cited by plan_changes
    terms.plan_approvals(term_rng, root, docs=docs, today=today)
    terms.plan_elections(term_rng, root, scale=scale, docs=docs, today=today)
    posts = terms.plan_posts(term_rng, root, scale=scale, today=today)
    terms.plan_changes(term_rng, root, catalog=scale.catalog, place=place, docs=docs, today=today)

    _assign_paths(root, Organization._get_path("", 1, root_step))
    units = list(dict.fromkeys(u for o in root.walk() for u in o.units))
    member = _demo_member(finance)
    return CommitteePlan(
        root=root, units=units, posts=posts, place=place, finance=finance, education=education, member=member
    )


def _place(index: int) -> tuple[str, str]:
    code, name = PLACES[index % len(PLACES)]
    return code, name if index < len(PLACES) else f"{name}{index // len(PLACES) + 1}"


def _skeleton(rng: random.Random, scale: Scale, place: str, code: str) -> tuple[OrgPlan, OrgPlan, OrgPlan]:
    """The tree down to branches, each branch with its headcount, scaled to the roster's size."""
    cat = scale.catalog
    L = lambda name: localize(name, place)  # noqa: E731
    smallest_gb = min(cat.general_branches, key=lambda item: item[1])[0] if cat.general_branches else ""
    fixed = scale.office_size + sum(3 * len(bodies) for _, bodies in cat.joint_branches)
    fixed += sum(min(size, 36) for body, size in cat.general_branches if body == smallest_gb)
    raw = sum(b.size + sum(s for _, s in b.attached) for b in cat.bureaus)
    raw += sum(size for body, size in cat.general_branches if body != smallest_gb)
    raw += sum(size for _, size in cat.branches)
    factor = (scale.people - fixed) / raw
    S = lambda size: max(6, round(size * factor))  # noqa: E731

    root = OrgPlan(code=code, name=L("市直属机关工委"), kind=OrgKind.COMMITTEE, parent=None)
    office = root.child(f"{L(cat.committee_unit)}机关党支部", OrgKind.BRANCH, [L(cat.committee_unit)])
    office.size = scale.office_size

    moved = {body: bureau for body, bureau, _ in cat.recent_moves}
    pcs: dict[str, OrgPlan] = {}
    for bureau in cat.bureaus:
        unit = L(bureau.name)
        pc = root.child(f"{unit}机关党委", OrgKind.PARTY_COMMITTEE, [unit] + [L(a) for a, _ in bureau.attached])
        pcs[bureau.name] = pc
        rest = S(bureau.size)
        for division in bureau.divisions:
            total = rng.randint(60, 92)
            rest -= total
            gb = pc.child(f"{unit}{division}党总支", OrgKind.GENERAL_BRANCH, [unit])
            _branches(rng, gb, f"{unit}{division}", total, 2 if total < 70 else 3, unit, regular=True)
        _branches(rng, pc, f"{unit}机关", rest, max(1, round(rest / scale.branch_target)), unit, regular=True)
        for attached, size in bureau.attached:
            name, size = L(attached), S(size)
            if size > 50:
                gb = pc.child(f"{name}党总支", OrgKind.GENERAL_BRANCH, [name])
                gb.attached_unit = name
                _branches(rng, gb, name, size, 2, name, regular=True)
            else:
                br = pc.child(f"{name}党支部", OrgKind.BRANCH, [name])
                br.attached_unit, br.size, br.regular = name, size, True

    for body, size in cat.general_branches:
        unit = L(body)
        gb = root.child(f"{unit}机关党总支", OrgKind.GENERAL_BRANCH, [unit])
        if body == smallest_gb:
            # Too small for a 党总支 and no approval on record: GENERAL_BRANCH_SIZE.
            gb.anomaly = "GENERAL_BRANCH_SIZE"
            _branches(rng, gb, f"{unit}机关", min(size, 36), 2, unit)
        else:
            size = min(98, max(52, S(size)))
            _branches(rng, gb, f"{unit}机关", size, 2 if size < 70 else 3, unit, regular=True)
    for body, size in cat.branches:
        unit = L(body)
        # A body moved under a bureau later keeps the code it had under the committee.
        old_code = f"{root.code}{root.next_child:02d}"
        root.next_child += 1
        parent = pcs[moved[body]] if body in moved else root
        br = parent.child(f"{unit}机关党支部", OrgKind.BRANCH, [unit], code=old_code)
        br.size, br.regular = min(BRANCH_CAP, S(size)), True
    for name, bodies in cat.joint_branches:
        units = [L(b) for b in bodies]
        jb = root.child(L(name), OrgKind.BRANCH, units)
        jb.size = sum(rng.randint(2, 4) for _ in units)
        if len(units) > 5:
            jb.anomaly = "JOINT_BRANCH_TOO_MANY_UNITS"
    return root, pcs["市财政局"], pcs["市教育局"]


def _branches(
    rng: random.Random, parent: OrgPlan, stem: str, total: int, count: int, unit: str, *, regular: bool = False
) -> None:
    """Split TOTAL people into COUNT branches under PARENT (more if one would pass the cap)."""
    count = max(count, -(-total // BRANCH_CAP))
    sizes = [total // count + (1 if i < total % count else 0) for i in range(count)]
    for i in range(count - 1):  # some unevenness, as in life
        shift = rng.randint(0, max(0, min(sizes[i] - 8, BRANCH_CAP - sizes[i + 1], sizes[i] // 4)))
        sizes[i] -= shift
        sizes[i + 1] += shift
    for i, size in enumerate(sizes):
        name = f"{stem}党支部" if count == 1 else f"{stem}第{ordinal(i + 1)}党支部"
        br = parent.child(name, OrgKind.BRANCH, [unit])
        br.size, br.regular = size, regular


def _size_and_shape(rng: random.Random, scale: Scale, root: OrgPlan) -> None:
    """Shape the deliberate breaches, then bring the headcount back to the roster's size."""
    branches = [o for o in root.walk() if o.kind == OrgKind.BRANCH]
    regular = [b for b in branches if b.regular]
    # Each breach goes to branches of different parents where possible, so
    # one 机关党委 does not collect them all.
    pool = list(regular)
    rng.shuffle(pool)
    shaped = {
        TOO_FEW: lambda: rng.randint(3, 5),
        NEEDS_COMMITTEE: lambda: rng.randint(10, 15),
        TOO_LARGE: lambda: rng.randint(52, 58),
        NEEDS_GROUPS: lambda: rng.randint(22, 30),
        GROUP_TOO_SMALL: lambda: rng.randint(28, 40),
    }
    used_parents: set[int] = set()
    for anomaly in BRANCH_ANOMALIES:
        for _ in range(scale.anomalies):
            pick = next((b for b in pool if not b.anomaly and id(b.parent) not in used_parents), None)
            pick = pick or next(b for b in pool if not b.anomaly)
            pick.anomaly = anomaly
            pick.size = shaped[anomaly]()
            used_parents.add(id(pick.parent))

    clean = [b for b in regular if not b.anomaly]
    diff = scale.people - sum(b.size for b in branches)
    while diff:
        step = 1 if diff > 0 else -1
        room = [b for b in clean if (b.size < BRANCH_CAP if step > 0 else b.size > 8)]
        if not room:
            break
        for b in rng.sample(room, min(len(room), abs(diff))):
            b.size += step
            diff -= step


def _divide_into_groups(rng: random.Random, root: OrgPlan) -> None:
    """Party groups under branches of 20 or more (not under those that breach by lacking them)."""
    for br in [o for o in root.walk() if o.kind == OrgKind.BRANCH]:
        if br.anomaly == NEEDS_GROUPS or (br.size < GROUPS_FROM and br.anomaly != TOO_LARGE):
            continue
        count = 3 if br.size >= 42 or br.anomaly == TOO_LARGE else 2
        if br.anomaly == GROUP_TOO_SMALL:
            count = 4  # two sound groups, one of two people, one without a full member
        for i in range(count):
            br.child(f"{br.name}第{ordinal(i + 1)}党小组", OrgKind.GROUP, [])


def _branch_committees(root: OrgPlan) -> None:
    """A branch of 7 or more party members elects a committee, unless it is the one planned without."""
    for br in root.walk():
        if br.kind == OrgKind.BRANCH and br.anomaly != NEEDS_COMMITTEE:
            party = sum(1 for p in br.subtree_people() if p.status in (Status.FULL, Status.PROBATIONARY))
            br.has_branch_committee = party >= 7


def _assign_paths(org: OrgPlan, path: str) -> None:
    """Treebeard paths: siblings numbered in code order (the model's node_order_by)."""
    org.path = path
    org.children.sort(key=lambda c: c.code)
    depth = len(path) // Organization.steplen
    for i, child in enumerate(org.children, start=1):
        _assign_paths(child, Organization._get_path(path, depth + 1, i))


def _demo_member(finance: OrgPlan) -> PersonPlan | None:
    """The ordinary party member who gets the `dangyuan` account."""
    for person in finance.subtree_people():
        if person.status == Status.FULL and person.cadre_rank == "staff":
            return person
    return next(iter(finance.subtree_people()), None)
