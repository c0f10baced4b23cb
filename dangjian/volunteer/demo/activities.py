"""Demo activities with their sign-ups, attendance, records and a few certificates (see __init__.py)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dangjian.core.bulk import bulk_insert
from dangjian.core.seeding import SeedContext
from dangjian.people.models import Member

from ..conf import VolunteerSettings
from ..models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Brigade,
    Certificate,
    Corps,
    Pairing,
    Participation,
    ParticipationStatus,
    ServiceRecord,
    Volunteer,
)
from ..services.certificates import NUMBER_ALPHABET, NUMBER_RANDOM_LENGTH, content_of
from ..services.hours import service_hours
from .insert import insert_rows, next_id

BATCH = 2000
PENDING_DAYS = 14  # activities this recent still wait for their hours to be confirmed


@dataclass(frozen=True)
class MemberRow:
    pk: int
    path: str
    status: str
    rank: str
    name: str


CROSSINGS = (
    "新华大街与锡林路交叉口", "中山路与大学西路交叉口", "人民路与兴安南路交叉口",
    "成吉思汗大街与如意河大街交叉口", "昭乌达路与乌兰察布西路交叉口", "鄂尔多斯大街与巴彦淖尔南路交叉口",
    "海拉尔东路与东二环交叉口", "通道街与光明路交叉口",
)  # fmt: skip
SPOTS = (
    "满都海公园",
    "青城公园",
    "市民广场",
    "火车站东广场",
    "老城区背街小巷",
    "大召广场",
    "万达广场周边",
    "滨河路沿线",
)
OTHER_THEMES = (
    ("无偿献血", "市中心血站"), ("反诈宣传", "市民广场"), ("敬老院慰问", "市社会福利院"), ("图书整理", "市图书馆"),
    ("垃圾分类宣传", "老城区居民小区"), ("全国文明城市创建宣传", "市民广场"),
)  # fmt: skip
PAIRING_THEMES = ("政策宣讲", "关爱空巢老人", "义务理发与义诊", "环境卫生大扫除", "四点半课堂", "邻里节")
PLACES: dict[str, tuple[int, int]] = {
    ActivityKind.TRAFFIC: (8, 20),
    ActivityKind.ENVIRONMENT: (15, 40),
    ActivityKind.EPIDEMIC: (6, 16),
    ActivityKind.PAIRING: (10, 30),
    ActivityKind.OTHER: (10, 30),
}
HOURS: dict[str, tuple[tuple[int, int], ...]] = {  # (start hour, length in hours)
    ActivityKind.TRAFFIC: ((7, 2), (17, 2)),
    ActivityKind.ENVIRONMENT: ((8, 3), (9, 3)),
    ActivityKind.EPIDEMIC: ((8, 4), (14, 4)),
    ActivityKind.PAIRING: ((9, 3), (14, 3)),
    ActivityKind.OTHER: ((9, 3), (14, 2)),
}


def _kind(rng: random.Random, year: int, paired: bool) -> str:
    # Epidemic work was the bulk of 2020–2022; later only occasional health campaigns.
    epidemic = 0.35 if year <= 2022 else 0.04
    weights = {
        ActivityKind.TRAFFIC: 0.34,
        ActivityKind.PAIRING: 0.18 if paired else 0.0,
        ActivityKind.EPIDEMIC: epidemic,
        ActivityKind.ENVIRONMENT: 0.2,
        ActivityKind.OTHER: 0.12,
    }
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _title_and_place(rng: random.Random, kind: str, pairing: Pairing | None) -> tuple[str, str]:
    if kind == ActivityKind.TRAFFIC:
        place = rng.choice(CROSSINGS)
        return f"文明交通劝导：{place}", place
    if kind == ActivityKind.PAIRING and pairing is not None:
        return f"结对共建：走进{pairing.community[-4:]}（{rng.choice(PAIRING_THEMES)}）", pairing.community
    if kind == ActivityKind.EPIDEMIC:
        place = rng.choice(SPOTS)
        return f"疫情防控：{place}值守与宣传", place
    if kind == ActivityKind.ENVIRONMENT:
        place = rng.choice(SPOTS)
        return f"环境整治：{place}清洁行动", place
    theme, place = rng.choice(OTHER_THEMES)
    return f"{theme}志愿服务", place


class _Signup:
    """One sign-up as the seeder plans it (a Participation row, without the model's overhead)."""

    __slots__ = ("id", "activity", "volunteer", "status", "seq", "signed_up_at", "confirmed_at", "cancelled_at",
                 "checked_in_at", "checked_out_at", "hours")  # fmt: skip

    def __init__(self, activity: Activity, volunteer: Volunteer, seq: int, signed_up_at: dt.datetime) -> None:
        self.id = 0
        self.activity, self.volunteer, self.seq, self.signed_up_at = activity, volunteer, seq, signed_up_at
        self.status: str = ParticipationStatus.WAITING
        self.confirmed_at: dt.datetime | None = None
        self.cancelled_at: dt.datetime | None = None
        self.checked_in_at: dt.datetime | None = None
        self.checked_out_at: dt.datetime | None = None
        self.hours: Decimal | None = None

    def row(self) -> tuple:
        return (self.id, self.activity.pk, self.volunteer.pk, self.volunteer.team_id, self.status, self.seq,
                self.signed_up_at, self.confirmed_at, self.cancelled_at, self.checked_in_at, self.checked_out_at,
                self.hours)  # fmt: skip


SIGNUP_FIELDS = ("id", "activity_id", "volunteer_id", "team_id", "status", "seq", "signed_up_at", "confirmed_at",
                 "cancelled_at", "checked_in_at", "checked_out_at", "hours")  # fmt: skip
RECORD_FIELDS = ("id", "volunteer_id", "activity_id", "participation_id", "org_id", "corps_id", "brigade_id",
                 "team_id", "served_on", "place", "content", "hours", "recorded_at")  # fmt: skip


@dataclass(frozen=True)
class _Record:
    volunteer_id: int
    activity_id: int
    kind: str
    served_on: dt.date
    hours: Decimal


class _Builder:
    def __init__(self, ctx: SeedContext, rng: random.Random, tz: Any, pools: dict[int, list[Volunteer]]) -> None:
        self.ctx, self.rng, self.tz, self.pools = ctx, rng, tz, pools
        # Each brigade's teams, in a stable order (from its volunteers).
        self.teams = {
            b: sorted({v.team.pk: v.team for v in pool if v.team is not None}.values(), key=lambda t: t.pk)
            for b, pool in pools.items()
        }
        self.now = dt.datetime.combine(ctx.today, dt.time(8), tzinfo=tz)
        self.activities: list[Activity] = []
        self._demo_booked = []
        self.signups: list[tuple[Activity, list[_Signup]]] = []

    def activity(self, brigade: Brigade, day: dt.date, pairing: Pairing | None, *, draft: bool = False) -> None:
        rng = self.rng
        kind = _kind(rng, day.year, pairing is not None and pairing.signed_on <= day)
        title, place = _title_and_place(rng, kind, pairing)
        hour, length = rng.choice(HOURS[kind])
        starts = dt.datetime.combine(day, dt.time(hour), tzinfo=self.tz)
        ends = starts + dt.timedelta(hours=length)
        published = starts - dt.timedelta(days=rng.randint(3, 10))
        past = ends < self.now
        cancelled = past and rng.random() < 0.03
        teams = self.teams.get(brigade.pk)
        team = rng.choice(teams) if teams and rng.random() < 0.5 else None
        a = Activity(
            org_id=brigade.org_id, brigade=brigade, team=team,
            pairing=pairing if kind == ActivityKind.PAIRING else None,
            title=title, kind=kind, place=place, starts_at=starts, ends_at=ends,
            signup_deadline=dt.datetime.combine(day - dt.timedelta(days=1), dt.time(18), tzinfo=self.tz),
            places=rng.randint(*PLACES[kind]),
            requirements="请着志愿者马甲、佩戴党员徽章，提前10分钟到达。" if kind == ActivityKind.TRAFFIC else "",
            organizer_id=team.leader_id if team else brigade.leader_id,
            status=(
                ActivityStatus.DRAFT if draft else ActivityStatus.CANCELLED if cancelled else ActivityStatus.PUBLISHED
            ),
            published_at=None if draft else published,
            cancelled_at=published + dt.timedelta(days=1) if cancelled else None,
            checkin_token=f"{rng.getrandbits(120):030x}",
        )  # fmt: skip
        if past and not cancelled and day <= self.ctx.today - dt.timedelta(days=PENDING_DAYS):
            a.hours_confirmed_at = ends + dt.timedelta(days=rng.randint(1, 3))
        self.activities.append(a)
        if not draft:
            self.signups.append((a, self._participations(a, brigade, past and not cancelled)))

    def _participations(self, a: Activity, brigade: Brigade, held: bool) -> list[_Signup]:
        rng = self.rng
        pool = self.pools.get(brigade.pk, [])
        demand = min(len(pool), max(1, round(a.places * rng.uniform(0.5, 1.3))))
        chosen = rng.sample(pool, demand)
        demo = self._demo
        if demo is not None:
            if demo in chosen and self._clashes(a):
                chosen.remove(demo)
            if demo.team is not None and demo.team.brigade is brigade and demo not in chosen:
                if rng.random() < (0.6 if not held else 0.25) and not self._clashes(a):
                    chosen.insert(0, demo)
            if demo in chosen:
                self._demo_booked.append((a.starts_at, a.ends_at))
        opened = a.published_at or a.starts_at  # only published activities get sign-ups
        until = min(a.signup_deadline, self.now)
        span = max(60.0, (until - opened).total_seconds())
        times = sorted(opened + dt.timedelta(seconds=rng.uniform(0, span)) for _ in chosen)
        rows: list[_Signup] = []
        holding = 0
        for seq, (v, signed) in enumerate(zip(chosen, times, strict=True), start=1):
            p = _Signup(a, v, seq, signed)
            if rng.random() < 0.05 and v is not self._demo:
                p.status, p.cancelled_at = (
                    ParticipationStatus.CANCELLED,
                    signed + dt.timedelta(hours=rng.randint(1, 20)),
                )
            elif holding < a.places:
                holding += 1
                p.status = ParticipationStatus.CONFIRMED
                p.confirmed_at = signed if seq <= a.places else min(until, signed + dt.timedelta(hours=12))
                if held and rng.random() < 0.93:
                    p.checked_in_at = a.starts_at + dt.timedelta(minutes=rng.randint(-20, 25))
                    p.checked_out_at = a.ends_at + dt.timedelta(minutes=rng.randint(-15, 20))
                    p.hours = service_hours(p.checked_in_at, p.checked_out_at, a.starts_at, a.ends_at)
            rows.append(p)
        a.signup_seq = len(rows)
        return rows

    _demo: Volunteer | None = None
    _demo_booked: list[tuple[dt.datetime, dt.datetime]]

    def _clashes(self, a: Activity) -> bool:
        """Whether the demo member already signed up for something at the time of A (the service refuses that)."""
        return any(start < a.ends_at and a.starts_at < end for start, end in self._demo_booked)


def seed_activities(
    ctx: SeedContext,
    rng: random.Random,
    *,
    spec: Any,
    corps: Corps,
    brigades: list[Brigade],
    pairings: list[Pairing],
    volunteers: dict[int, Volunteer],
    demo_member: MemberRow | None,
    tz: Any,
) -> dict[str, int]:
    pools: dict[int, list[Volunteer]] = {}
    for v in volunteers.values():
        if v.team is not None:
            pools.setdefault(v.team.brigade.pk, []).append(v)
    paired = {p.brigade.pk: p for p in pairings}
    builder = _Builder(ctx, rng, tz, pools)
    builder._demo = volunteers.get(demo_member.pk) if demo_member else None

    today = ctx.today
    first_year = today.year - spec.years + 1
    for brigade in brigades:
        pairing = paired.get(brigade.pk)
        for year in range(first_year, today.year + 1):
            start = max(dt.date(year, 1, 1), brigade.founded_on)
            end = min(dt.date(year, 12, 31), today - dt.timedelta(days=1))
            if end < start:
                continue
            n = round(rng.randint(*spec.per_year) * ((end - start).days + 1) / 365)
            for day in sorted(start + dt.timedelta(days=rng.randint(0, (end - start).days)) for _ in range(n)):
                builder.activity(brigade, day, pairing)
        # What is open for sign-up now, and a draft or two.
        for _ in range(rng.randint(1, 3)):
            builder.activity(brigade, today + dt.timedelta(days=rng.randint(2, 30)), pairing)
        if rng.random() < 0.2:
            builder.activity(brigade, today + dt.timedelta(days=rng.randint(10, 40)), pairing, draft=True)

    bulk_insert(Activity, builder.activities, batch_size=BATCH)
    signups = [p for _, rows in builder.signups for p in rows]
    first = next_id(Participation)
    for i, p in enumerate(signups):
        p.id = first + i
    insert_rows(Participation, SIGNUP_FIELDS, (p.row() for p in signups))

    records: list[_Record] = []
    record_rows: list[tuple] = []
    first = next_id(ServiceRecord)
    for a, rows in builder.signups:
        if a.hours_confirmed_at is None:
            continue
        served_on = a.starts_at.astimezone(tz).date()
        content = f"{ActivityKind(a.kind).label}：{a.title}"[:200]
        for p in rows:
            if p.hours:
                record_rows.append(
                    (first + len(record_rows), p.volunteer.pk, a.pk, p.id, a.org_id, corps.pk, a.brigade_id,
                     p.volunteer.team_id, served_on, a.place, content, p.hours, a.hours_confirmed_at)
                )  # fmt: skip
                records.append(_Record(p.volunteer.pk, a.pk, a.kind, served_on, p.hours))
    insert_rows(ServiceRecord, RECORD_FIELDS, record_rows)
    certificates = _certificates(ctx, rng, corps, records, builder._demo, tz)
    return {
        "volunteer.activities": len(builder.activities),
        "volunteer.participations": len(signups),
        "volunteer.records": len(records),
        "volunteer.certificates": certificates,
    }


def _certificates(
    ctx: SeedContext, rng: random.Random, corps: Corps, records: list[_Record], demo: Volunteer | None, tz: Any
) -> int:
    by_volunteer: dict[int, list[_Record]] = {}
    for r in records:
        by_volunteer.setdefault(r.volunteer_id, []).append(r)
    chosen = sorted(rng.sample(sorted(by_volunteer), min(20, len(by_volunteer))))
    if demo is not None and demo.pk in by_volunteer and demo.pk not in chosen:
        chosen.append(demo.pk)
    volunteers = {v.pk: v for v in Volunteer.objects.filter(pk__in=chosen)}
    members = Member.objects.in_bulk([v.member_id for v in volunteers.values()])
    leader = corps.leader.name if corps.leader is not None else ""
    rows = []
    rules = VolunteerSettings.current()
    for pk in chosen:
        mine = sorted(by_volunteer[pk], key=lambda r: r.served_on)
        v = volunteers[pk]
        issued = dt.datetime.combine(ctx.today - dt.timedelta(days=rng.randint(1, 200)), dt.time(10), tzinfo=tz)
        mine = [r for r in mine if r.served_on < issued.date()] or mine
        tail = "".join(rng.choice(NUMBER_ALPHABET) for _ in range(NUMBER_RANDOM_LENGTH))
        c = Certificate(
            number=f"{rules.certificate_prefix}{issued.year}{tail}", volunteer=v, corps=corps,
            name=members[v.member_id].name, id_type=rules.certificate_id_type, volunteer_number=v.number,
            period_start=mine[0].served_on, period_end=mine[-1].served_on, service_count=len(mine),
            hours=sum((r.hours for r in mine), Decimal(0)),
            content=content_of(mine, {r.activity_id: r.kind for r in mine}),
            issuer_name=corps.name, person_in_charge=leader, handler=corps.handler_name, contact=corps.contact_phone,
            issued_on=issued.date(), issued_at=issued,
        )  # fmt: skip
        c.id_number = members[v.member_id].id_number
        rows.append(c)
    Certificate.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
