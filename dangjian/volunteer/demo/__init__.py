"""Demo data of the volunteer module (its seeders are listed in volunteer/manifest.py; seed_demo runs them).

Per committee: the corps, about 70 brigades at city scale (one per body under
the committee, a second one for the largest), two to four teams each, a third
of the people as volunteers, pairings with communities, and five years of
activities with sign-ups (waiting lists included), attendance, confirmed hours
and service records, plus activities open for sign-up around `ctx.today`. The
`dangyuan` demo member is given a team, records and a certificate.

Rows go in with bulk_create in a handful of statements per table: seeding is
not a user's write (auditlog is off), and the city seed must stay quick.
Everything random comes from `ctx.rng("volunteer")`; times from `ctx.today`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from dangjian.core import scoping, tree
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member, Status

from ..models import Brigade, Corps, Pairing, Team, Volunteer
from .activities import MemberRow, seed_activities

BATCH = 2000


@dataclass(frozen=True)
class Spec:
    brigades: int | None  # target per committee (None: one per body)
    years: int  # of history, this year included
    per_year: tuple[int, int]  # activities a brigade holds a year (range)
    volunteer_share: float


SPECS = {
    "demo": Spec(None, 2, (8, 14), 0.4),
    "city": Spec(70, 5, (14, 22), 0.35),
    # A hundred committees: the structure at full size, one year of history.
    "province": Spec(70, 1, (6, 10), 0.3),
}

COMMUNITIES = (
    "新华街道光明社区", "中山路街道团结社区", "海拉尔西路街道民族社区", "昭乌达路街道东苑社区",
    "兴安南路街道和平社区", "锡林南路街道五一社区", "大学东街街道学苑社区", "乌兰察布东路街道滨河社区",
    "人民路街道幸福社区", "东风路街道朝阳社区", "通道街街道北门社区", "成吉思汗大街街道如意社区",
)  # fmt: skip
PAIRING_CONTENT = "在职党员进社区报到，开展政策宣讲、环境整治、关爱困难群众等共建活动。"
TEAM_NAMES = ("第一分队", "第二分队", "第三分队", "第四分队")


def _base_name(org: Organization) -> str:
    name = org.name
    for suffix in ("机关党委", "机关党总支", "机关党支部", "党委", "党总支", "党支部"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def seed_volunteer(ctx: SeedContext) -> None:
    if not ctx.people:
        return
    spec = SPECS.get(ctx.scale, SPECS["demo"])
    rng = ctx.rng("volunteer")
    root = ctx.root
    tz = timezone.get_current_timezone()
    members = [
        MemberRow(pk, path, status, rank, name)
        for pk, path, status, rank, name in scoping.in_subtree(Member.objects.all(), root)
        .order_by("pk")
        .values_list("pk", "org__path", "status", "cadre_rank", "name")
    ]
    if not members:
        return
    committee_people = [m for m in members if m.path == root.path or tree.depth_of(m.path) == 2]
    corps = Corps.objects.create(
        org=root,
        name=f"{_base_name(root).replace('市直属机关工委', '市直机关')}党员志愿服务总队",
        leader_id=(committee_people or members)[0].pk,
        handler_name=(committee_people or members)[-1].name,
        contact_phone=f"0471-66{rng.randint(10000, 99999)}",
        founded_on=dt.date(ctx.today.year - 7, 3, 5),
    )

    tops = list(Organization.objects.filter(tree.child_q(root.path)).order_by("path"))
    by_top = {t.pk: [m for m in members if tree.is_within(m.path, [t.path])] for t in tops}
    tops = [t for t in tops if len(by_top[t.pk]) >= 6]
    # One brigade per body; the largest bodies get a second one until the target is reached.
    extra = max(0, (spec.brigades or len(tops)) - len(tops))
    doubled = {t.pk for t in sorted(tops, key=lambda t: -len(by_top[t.pk]))[:extra]}

    brigades: list[Brigade] = []
    pools: list[list[MemberRow]] = []
    for top in tops:
        people = by_top[top.pk]
        halves = [people[0::2], people[1::2]] if top.pk in doubled else [people]
        for i, pool in enumerate(halves):
            name = f"{_base_name(top)}志愿服务{'第一第二'[2 * i : 2 * i + 2] if len(halves) > 1 else ''}支队"
            brigades.append(
                Brigade(
                    corps=corps,
                    org=top,
                    name=name,
                    leader_id=rng.choice(pool).pk,
                    founded_on=dt.date(ctx.today.year - spec.years - rng.randint(0, 2), rng.randint(1, 12), 1),
                )
            )
            pools.append(pool)
    Brigade.objects.bulk_create(brigades, batch_size=BATCH)

    teams: list[Team] = []
    team_pools: list[list[MemberRow]] = []
    for brigade, pool in zip(brigades, pools, strict=True):
        chosen = [m for m in pool if rng.random() < spec.volunteer_share] or pool[:3]
        n = max(1, min(len(TEAM_NAMES), len(chosen) // 12))
        for i in range(n):
            part = chosen[i::n]
            teams.append(Team(brigade=brigade, name=TEAM_NAMES[i], leader_id=part[0].pk, founded_on=brigade.founded_on))
            team_pools.append(part)
    Team.objects.bulk_create(teams, batch_size=BATCH)

    demo_member = _demo_member(tops, members)
    registered = dt.datetime.combine(dt.date(ctx.today.year - spec.years, 1, 1), dt.time(9), tzinfo=tz)
    volunteers: dict[int, Volunteer] = {}
    for team, part in zip(teams, team_pools, strict=True):
        for m in part:
            volunteers[m.pk] = Volunteer(
                member_id=m.pk, number=Volunteer.number_for(m.pk), team=team,
                joined_team_on=team.founded_on, registered_at=registered,
            )  # fmt: skip
    if demo_member is not None and demo_member.pk not in volunteers:
        team = next((t for t in teams if tree.is_within(demo_member.path, [t.brigade.org.path])), teams[0])
        volunteers[demo_member.pk] = Volunteer(
            member_id=demo_member.pk, number=Volunteer.number_for(demo_member.pk), team=team,
            joined_team_on=team.founded_on, registered_at=registered,
        )  # fmt: skip
    Volunteer.objects.bulk_create(list(volunteers.values()), batch_size=BATCH)

    pairings: list[Pairing] = []
    for i, brigade in enumerate(brigades):
        if rng.random() < 0.7:
            pairings.append(
                Pairing(
                    brigade=brigade,
                    community=COMMUNITIES[i % len(COMMUNITIES)],
                    community_contact=f"{rng.choice('王李张刘陈杨赵黄')}主任",
                    signed_on=dt.date(ctx.today.year - spec.years + 1, rng.randint(1, 6), rng.randint(1, 28)),
                    content=PAIRING_CONTENT,
                )
            )
    Pairing.objects.bulk_create(pairings, batch_size=BATCH)

    counts = seed_activities(
        ctx, rng, spec=spec, corps=corps, brigades=brigades, pairings=pairings,
        volunteers=volunteers, demo_member=demo_member, tz=tz,
    )  # fmt: skip
    ctx.counts.update(
        {
            "volunteer.brigades": len(brigades),
            "volunteer.teams": len(teams),
            "volunteer.volunteers": len(volunteers),
            "volunteer.pairings": len(pairings),
            **counts,
        }
    )


def _demo_member(tops: list[Organization], members: list[MemberRow]) -> MemberRow | None:
    """The person the `dangyuan` demo account will be tied to (dangjian.demo.plan._demo_member):
    the first full member at staff rank in the finance bureau's party committee."""
    finance = next((t for t in tops if "财政局" in t.name and t.kind == OrgKind.PARTY_COMMITTEE), None)
    if finance is None:
        return None
    inside = [m for m in members if tree.is_within(m.path, [finance.path])]
    return next((m for m in inside if m.status == Status.FULL and m.rank == "staff"), inside[0] if inside else None)
