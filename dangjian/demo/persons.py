"""The people of a planned committee: who sits in which branch or group, and their particulars."""

from __future__ import annotations

import datetime as dt
import random

from dangjian.orgs.models import OrgKind, add_years
from dangjian.people.models import CadreRank, Education, Gender, Status

from . import names
from .shapes import GROUP_TOO_SMALL, NEEDS_COMMITTEE, NEEDS_GROUPS, TOO_FEW, TOO_LARGE, OrgPlan, PersonPlan

FULL: str = Status.FULL
PROB: str = Status.PROBATIONARY
ACTIVIST: str = Status.ACTIVIST
NON_PARTY: str = Status.NON_PARTY
PARTY = (FULL, PROB)
STATUS_WEIGHTS = ((FULL, 80), (PROB, 5), (ACTIVIST, 5), (NON_PARTY, 10))

RANK_WEIGHTS = (
    (CadreRank.BUREAU, 0.4),
    (CadreRank.DIVISION, 11),
    (CadreRank.SECTION, 36),
    (CadreRank.STAFF, 42),
    (CadreRank.OTHER, 10),
)
AGES = {
    CadreRank.BUREAU: (52, 59),
    CadreRank.DIVISION: (40, 59),
    CadreRank.SECTION: (29, 58),
    CadreRank.STAFF: (22, 45),
    CadreRank.OTHER: (24, 58),
}


# People are born relative to this day, not to the day of seeding, so a seed gives
# the same people and ID numbers whenever it runs; only dated records (probation,
# terms, posts) follow the day.
EPOCH = dt.date(2026, 1, 1)


def populate(rng: random.Random, root: OrgPlan, *, ids: names.IdNumbers, today: dt.date, home: str = "") -> None:
    """Give every branch (and its groups) its people."""
    branches = [o for o in root.walk() if o.kind == OrgKind.BRANCH]
    deck = names.ethnicity_deck(rng, sum(b.size for b in branches))
    heads: set[str] = set()
    for branch in branches:
        statuses = _statuses(rng, branch)
        units = list(branch.units)
        rng.shuffle(units)
        for i, (org, status) in enumerate(_placed(rng, branch, statuses)):
            person = _person(
                rng,
                ids,
                org=org,
                status=status,
                ethnicity=deck.pop(),
                unit=units[i % len(units)],
                today=today,
                home=home,
                heads=heads,
            )
            org.people.append(person)


def _statuses(rng: random.Random, branch: OrgPlan) -> list[str]:
    n = branch.size
    if branch.anomaly == TOO_FEW:  # two full members only
        return [FULL, FULL] + [rng.choice((PROB, ACTIVIST, NON_PARTY)) for _ in range(n - 2)]
    if branch.anomaly == NEEDS_COMMITTEE:  # 8+ full members, no committee elected
        others = rng.randint(0, 2)
        return [FULL] * (n - others) + [rng.choice((PROB, NON_PARTY)) for _ in range(others)]
    if branch.anomaly in (TOO_LARGE, NEEDS_GROUPS):  # every one a party member, whichever count is used
        prob = rng.randint(1, 3)
        return [FULL] * (n - prob) + [PROB] * prob
    statuses = rng.choices([s for s, _ in STATUS_WEIGHTS], weights=[w for _, w in STATUS_WEIGHTS], k=n)
    groups = sum(1 for c in branch.children if c.kind == OrgKind.GROUP)
    need_full = max(3, 3 * groups)
    need_prob = 0
    if branch.anomaly == GROUP_TOO_SMALL:
        need_full, need_prob = 3 * 2 + 2, 3
    _convert(statuses, PROB, need_prob, keep=(FULL, PROB))  # activists and non-party cadres first …
    _convert(statuses, PROB, need_prob, keep=(PROB,))  # … then full members, if there were too few
    _convert(statuses, FULL, need_full, keep=(FULL,) if need_prob == 0 else (FULL, PROB))
    rng.shuffle(statuses)
    return statuses


def _convert(statuses: list[str], to: str, at_least: int, *, keep: tuple[str, ...]) -> None:
    """Turn people of other statuses (not those in KEEP) into TO until AT_LEAST hold it."""
    have = statuses.count(to)
    for i, s in enumerate(statuses):
        if have >= at_least:
            return
        if s not in keep and s != to:
            statuses[i] = to
            have += 1


def _placed(rng: random.Random, branch: OrgPlan, statuses: list[str]) -> list[tuple[OrgPlan, str]]:
    """Which organization each person sits in: party members in the branch's groups, if it has any."""
    groups = [c for c in branch.children if c.kind == OrgKind.GROUP]
    if not groups:
        return [(branch, s) for s in statuses]
    placed = [(branch, s) for s in statuses if s not in PARTY]
    fulls = [s for s in statuses if s == FULL]
    probs = [s for s in statuses if s == PROB]
    if branch.anomaly == GROUP_TOO_SMALL:
        # The last group has two full members; the one before, three probationary members and no full one.
        placed += [(groups[-1], fulls.pop()), (groups[-1], fulls.pop())]
        placed += [(groups[-2], probs.pop()) for _ in range(3)]
        groups = groups[:-2]
    for i, s in enumerate(fulls + probs):
        placed.append((groups[i % len(groups)], s))
    return placed


def _person(
    rng: random.Random,
    ids: names.IdNumbers,
    *,
    org: OrgPlan,
    status: str,
    ethnicity: str,
    unit: str,
    today: dt.date,
    home: str,
    heads: set[str],
) -> PersonPlan:
    rank = rng.choices([r for r, _ in RANK_WEIGHTS], weights=[w for _, w in RANK_WEIGHTS])[0]
    low, high = AGES[rank]
    born = EPOCH - dt.timedelta(days=rng.randint(low * 365 + 1, high * 365 + 360))
    male = rng.random() < 0.56
    id_number, born = ids.issue(region=names.region_code(rng, ethnicity, home), born=born, male=male)
    age = (EPOCH - born).days // 365
    return PersonPlan(
        name=names.person_name(rng, ethnicity=ethnicity, male=male, born=born.year),
        gender=Gender.MALE if male else Gender.FEMALE,
        ethnicity=ethnicity,
        birth_date=born,
        id_number=id_number,
        phone=names.phone_number(rng),
        education=_education(rng, age),
        unit=unit,
        job_title=_job_title(rng, rank, unit, heads),
        cadre_rank=rank,
        status=status,
        joined_party_on=_joined(rng, status, born, today),
        org=org,
    )


def _joined(rng: random.Random, status: str, born: dt.date, today: dt.date) -> dt.date | None:
    # The same draws whatever TODAY is, so the people after this one do not change with the day.
    adult = add_years(born, 18)
    if status == PROB:  # admitted within the last year, still on probation
        return max(adult, today - dt.timedelta(days=rng.randint(20, 340)))
    if status != FULL:
        return None
    age, day, share = rng.triangular(18.5, 40, 24), rng.randint(0, 364), rng.random()
    latest = today - dt.timedelta(days=400)  # full members have passed a year's probation
    joined = add_years(born, int(age)) + dt.timedelta(days=day)
    if joined > latest:
        joined = adult + dt.timedelta(days=int(max(0, (latest - adult).days) * share))
    return joined


def _education(rng: random.Random, age: int) -> str:
    if age < 35:
        weights = (3, 30, 60, 6, 1)
    elif age < 50:
        weights = (2, 18, 62, 15, 3)
    else:
        weights = (1, 8, 55, 26, 10)
    levels = (Education.DOCTORATE, Education.MASTER, Education.BACHELOR, Education.COLLEGE, Education.SECONDARY)
    return rng.choices(levels, weights=weights)[0]


_HEADS = (
    ("机关", "秘书长", "副秘书长"),
    ("检察院", "检察长", "副检察长"),
    ("法院", "院长", "副院长"),
    ("党校", "常务副校长", "副校长"),
    ("工委", "常务副书记", "副部长"),
    ("团市委", "书记", "副书记"),
    ("支队", "支队长", "副支队长"),
    ("委员会", "主任", "副主任"),
    ("部", "部长", "副部长"),
    ("院", "院长", "副院长"),
    ("馆", "馆长", "副馆长"),
    ("站", "站长", "副站长"),
    ("所", "所长", "副所长"),
    ("局", "局长", "副局长"),
    ("联", "主席", "副主席"),
    ("协", "主席", "副主席"),
    ("会", "主席", "副主席"),
    ("社", "主任", "副主任"),
)
SECTION_TITLES = ("科长", "副科长", "一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员")
STAFF_TITLES = ("一级科员", "二级科员", "科员", "科员", "办事员")
OTHER_TITLES = ("工程师", "高级工程师", "会计师", "助理工程师", "专业技术人员", "工勤人员", "经济师")
DIVISION_EXTRA = ("一级调研员", "二级调研员", "三级调研员", "四级调研员")


def _job_title(rng: random.Random, rank: str, unit: str, heads: set[str]) -> str:
    if rank == CadreRank.BUREAU:
        return rng.choice(("一级巡视员", "二级巡视员"))
    if rank == CadreRank.DIVISION:
        head, deputy = next(((h, d) for suffix, h, d in _HEADS if unit.endswith(suffix)), ("主任", "副主任"))
        if unit not in heads:  # one head per body
            heads.add(unit)
            return head
        return deputy if rng.random() < 0.45 else rng.choice(DIVISION_EXTRA)
    if rank == CadreRank.SECTION:
        return rng.choice(SECTION_TITLES)
    if rank == CadreRank.STAFF:
        return rng.choice(STAFF_TITLES)
    return rng.choice(OTHER_TITLES)
