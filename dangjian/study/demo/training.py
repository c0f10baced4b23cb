"""Demo training classes: the committee's own (about seventeen a year) and each organ's, with
enrolments, a few late enrolments, and sign-in marks per day; a few open for sign-up ahead."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from dangjian.orgs.models import OrgKind
from dangjian.people.models import CadreRank, Status

from ..models import (
    ATTENDED,
    Audience,
    DayAttendance,
    Enrolment,
    EnrolMethod,
    SignInMethod,
    TrainingClass,
    TrainingDay,
    VenueKind,
)
from ..services.training import split_hours
from .base import PARTY, World, day_in, insert, pick_mark, weekday_on_or_after

COMMITTEE_CLASSES = (
    ("市直机关党支部书记培训班", Audience.PARTY_CADRES, VenueKind.PARTY_SCHOOL, 3),
    ("市直机关党务干部业务培训班", Audience.PARTY_CADRES, VenueKind.PARTY_SCHOOL, 2),
    ("市直机关入党积极分子培训班", Audience.ACTIVISTS, VenueKind.PARTY_SCHOOL, 3),
    ("市直机关发展对象培训班", Audience.ACTIVISTS, VenueKind.PARTY_SCHOOL, 3),
    ("市直机关新任处级干部党性教育培训班", Audience.MEMBERS, VenueKind.RED_BASE, 4),
    ("市直机关党员党性教育培训班", Audience.MEMBERS, VenueKind.RED_BASE, 3),
    ("市直机关党员网络专题培训班", Audience.MEMBERS, VenueKind.ONLINE, 5),
    ("市直机关非党干部理论培训班", Audience.NON_PARTY, VenueKind.PARTY_SCHOOL, 2),
    ("市直机关纪检委员培训班", Audience.PARTY_CADRES, VenueKind.PARTY_SCHOOL, 2),
    ("市直机关青年干部理论培训班", Audience.MEMBERS, VenueKind.PARTY_SCHOOL, 3),
    ("市直机关党建品牌创建培训班", Audience.PARTY_CADRES, VenueKind.OTHER, 1),
    ("市直机关意识形态工作培训班", Audience.PARTY_CADRES, VenueKind.PARTY_SCHOOL, 2),
)
VENUES = {
    VenueKind.PARTY_SCHOOL: "市委党校",
    VenueKind.RED_BASE: "革命历史纪念馆",
    VenueKind.ONLINE: "干部网络学院",
    VenueKind.OTHER: "市直机关工委培训中心",
}


def _audience_pool(world: World, audience: str, people) -> list[int]:
    if audience == Audience.ACTIVISTS:
        return [p.pk for p in people if p.status == Status.ACTIVIST]
    if audience == Audience.NON_PARTY:
        return [p.pk for p in people if p.status == Status.NON_PARTY]
    if audience == Audience.PARTY_CADRES:
        cadres = {pk for members in world.committees.values() for pk in members}
        return [p.pk for p in people if p.pk in cadres]
    return [p.pk for p in people if p.status in PARTY and p.rank != CadreRank.BUREAU]


class _Plan:
    def __init__(self) -> None:
        self.classes: list[tuple[TrainingClass, list[tuple[dt.date, Decimal]], list[int]]] = []


def seed_training(world: World, rng: random.Random, *, first_year: int, today: dt.date) -> dict[str, int]:
    plan = _Plan()
    organs = [o for o in world.orgs if o.depth == world.root.depth + 1 and o.kind == OrgKind.PARTY_COMMITTEE]
    for year in range(first_year, today.year + 1):
        # The committee's own classes, spread over the year.
        for i in range(17):
            title, audience, venue_kind, days = COMMITTEE_CLASSES[i % len(COMMITTEE_CLASSES)]
            start = weekday_on_or_after(
                day_in(rng, dt.date(year, 1 + (i * 11) // 17, 3), dt.date(year, 1 + (i * 11) // 17, 20))
            )
            pool = _audience_pool(world, audience, world.people)
            _add(
                plan,
                rng,
                world.root.pk,
                f"{year}年{title}"
                + (f"（第{i // len(COMMITTEE_CLASSES) + 1}期）" if i >= len(COMMITTEE_CLASSES) else ""),
                audience,
                venue_kind,
                start,
                days,
                pool,
                size=rng.randint(100, 220),
                today=today,
            )
        # Each organ's own class for its members.
        for organ in organs:
            start = weekday_on_or_after(day_in(rng, dt.date(year, 3, 1), dt.date(year, 11, 20)))
            pool = _audience_pool(world, Audience.MEMBERS, world.subtree(organ))
            _add(
                plan,
                rng,
                organ.pk,
                f"{year}年{organ.unit_name}党员教育培训班",
                Audience.MEMBERS,
                rng.choice((VenueKind.PARTY_SCHOOL, VenueKind.RED_BASE, VenueKind.ONLINE)),
                start,
                rng.choice((1, 1, 2)),
                pool,
                size=min(len(pool), rng.randint(30, 80)),
                today=today,
            )
    # Ahead: classes open for members to sign up to.
    for i, (title, audience, venue_kind, days) in enumerate(COMMITTEE_CLASSES[4:7]):
        start = weekday_on_or_after(today + dt.timedelta(days=14 + 10 * i))
        _add(
            plan,
            rng,
            world.root.pk,
            f"{start.year}年{title}（报名中）",
            audience,
            venue_kind,
            start,
            days,
            _audience_pool(world, audience, world.people),
            size=rng.randint(20, 50),
            today=today,
            open_signup=True,
        )
    return _write(plan, rng, today)


def _add(plan, rng, org_id, title, audience, venue_kind, start, days, pool, *, size, today, open_signup=False) -> None:
    dates: list[dt.date] = []
    day = start
    while len(dates) < days:
        if day.weekday() < 5 or venue_kind == VenueKind.ONLINE:
            dates.append(day)
        day += dt.timedelta(days=1)
    if start > today and not open_signup:
        return  # the year's later classes are not planned yet
    hours = Decimal(6 * days)
    capacity = size + rng.randint(0, 30) if open_signup else (size if rng.random() < 0.5 else None)
    klass = TrainingClass(
        org_id=org_id,
        title=title[:200],
        audience=audience,
        venue_kind=venue_kind,
        venue=VENUES[venue_kind],
        starts_on=dates[0],
        ends_on=dates[-1],
        hours=hours,
        capacity=capacity,
        self_signup=open_signup or rng.random() < 0.3,
        signup_closes_on=dates[0] - dt.timedelta(days=2) if open_signup else None,
        description="围绕党的创新理论、党性教育和党务工作实务开展集中培训。",
    )
    people = rng.sample(pool, min(size, len(pool))) if pool else []
    plan.classes.append((klass, list(zip(dates, split_hours(hours, len(dates)), strict=True)), sorted(people)))


def _write(plan: _Plan, rng: random.Random, today: dt.date) -> dict[str, int]:
    classes = [k for k, _, _ in plan.classes]
    for klass, _, people in plan.classes:
        klass.enrolled = len(people)
    TrainingClass.objects.bulk_create(classes, batch_size=1000)
    days: list[TrainingDay] = []
    for klass, dates, _ in plan.classes:
        for on, hours in dates:
            days.append(
                TrainingDay(
                    klass=klass, day=on, starts_at=dt.time(9, 0), hours=hours, token=f"{rng.getrandbits(120):030x}"
                )
            )
    TrainingDay.objects.bulk_create(days, batch_size=2000)
    by_class: dict[int, list[TrainingDay]] = {}
    for d in days:
        by_class.setdefault(d.klass_id, []).append(d)
    enrolments = []
    for klass, _, people in plan.classes:
        for pk in people:
            # One in forty enrols after the first day: that day is not theirs, never an absence.
            late = klass.starts_on < klass.ends_on and rng.random() < 0.025
            on = (
                klass.starts_on + dt.timedelta(days=1)
                if late
                else klass.starts_on - dt.timedelta(days=rng.randint(3, 20))
            )
            enrolments.append(
                Enrolment(
                    klass=klass,
                    person_id=pk,
                    enrolled_on=min(on, today),
                    method=EnrolMethod.SELF if klass.self_signup and rng.random() < 0.4 else EnrolMethod.ADMIN,
                )
            )
    marks = []
    for e in enrolments:
        for d in by_class[e.klass_id]:
            if d.day > today - dt.timedelta(days=1) or d.day < e.enrolled_on:
                continue
            status, reason = pick_mark(rng, present=0.9, late=0.04, excused=0.04)
            if status in ATTENDED:
                e.days_attended += 1
                e.hours_attended += d.hours
            signed = dt.datetime.combine(
                d.day, dt.time(8, rng.randint(30, 59)) if status == "present" else dt.time(9, rng.randint(16, 50))
            )
            marks.append(
                (
                    d,
                    e,
                    status,
                    reason,
                    SignInMethod.QR if status in ATTENDED else SignInMethod.MANUAL,
                    signed if status in ATTENDED else None,
                )
            )
    # Counters are known before the rows go in: one insert, no update after.
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    rows = insert(
        DayAttendance,
        ["day", "enrolment", "status", "reason", "method", "signed_at", "year"],
        (
            (d.pk, e.pk, status, reason, method, _aware(signed), d.day.year)
            for d, e, status, reason, method, signed in marks
        ),
    )
    return {"classes": len(classes), "enrolments": len(enrolments), "day_marks": rows}


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    from django.utils import timezone

    return timezone.make_aware(value) if value is not None else None
