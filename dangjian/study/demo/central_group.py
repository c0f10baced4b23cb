"""Demo central-group study: a leadership group for each organ, its sessions, observers and write-ups,
and the committee's joint sessions (市直机关中心组) for every division-level cadre."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from dangjian.orgs.models import OrgKind
from dangjian.people.models import CadreRank

from ..models import (
    GroupKind,
    GroupRole,
    Observer,
    Session,
    SessionAttendance,
    SessionSpeaker,
    SessionStatus,
    StudyGroup,
    StudyGroupMember,
)
from ..selectors.calendar import period_bounds
from ..workdays import notice_deadline, working_days_between
from .base import PARTY, Org, World, day_in, insert, pick_mark, weekday_on_or_after

TOPICS = (
    "深入学习贯彻习近平新时代中国特色社会主义思想",
    "学习贯彻党的二十大精神",
    "学习《中国共产党纪律处分条例》",
    "专题学习党的二十届三中全会精神",
    "学习习近平总书记关于党的建设的重要思想",
    "学习习近平总书记关于机关党建的重要论述",
    "专题研讨：推动高质量发展",
    "专题学习：全面从严治党",
    "学习贯彻中央八项规定精神",
    "专题学习：意识形态工作责任制",
    "专题研讨：优化营商环境",
    "学习《习近平谈治国理政》",
)
JOINT_TOPICS = (
    "市直机关中心组（扩大）专题学习会：学习贯彻全国两会精神",
    "市直机关中心组专题辅导报告会：以党的政治建设为统领",
    "市直机关中心组专题学习：深化模范机关创建",
    "市直机关中心组专题学习：学习贯彻全会精神",
)
WRITEUP = (
    "本次中心组学习主题鲜明、准备充分，领导班子成员结合分管工作作了交流发言，"
    "学习效果较好。建议进一步加强学习成果转化，把学习体会落实到推动具体工作中。"
)
GUESTS = ("市委党校教授", "市委讲师团成员", "高校马克思主义学院教授")


def _leadership_orgs(world: World) -> list[Org]:
    return [
        o
        for o in world.orgs
        if o.depth == world.root.depth + 1 and o.kind in (OrgKind.PARTY_COMMITTEE, OrgKind.GENERAL_BRANCH)
    ]


def _office(world: World) -> list[int]:
    """People of the committee's own office branch: they sit in on sessions (列席)."""
    for o in world.orgs:
        if o.depth == world.root.depth + 1 and o.kind == OrgKind.BRANCH:
            return sorted(p.pk for p in world.subtree(o))
    return []


def seed_central_group(world: World, rng: random.Random, *, first_year: int, today: dt.date) -> dict[str, int]:
    counts = {"sessions": 0, "attendances": 0, "observers": 0}
    office = _office(world)
    ranked: dict[str, int] = {CadreRank.BUREAU: 0, CadreRank.DIVISION: 1}
    groups: list[tuple[StudyGroup, list[tuple[int, str]]]] = []
    for org in _leadership_orgs(world):
        pool = [p for p in world.subtree(org) if p.rank in ranked and p.status in PARTY]
        pool.sort(key=lambda p: (ranked[p.rank], p.pk))
        chosen = pool[: rng.randint(7, 13)]
        if len(chosen) < 3:
            continue
        roles = [GroupRole.LEADER, GroupRole.DEPUTY] + [GroupRole.MEMBER] * (len(chosen) - 3) + [GroupRole.SECRETARY]
        group = StudyGroup(org_id=org.pk, name=f"{org.unit_name}理论学习中心组", kind=GroupKind.LEADERSHIP)
        groups.append((group, [(p.pk, role) for p, role in zip(chosen, roles, strict=True)]))
    joint = StudyGroup(org_id=world.root.pk, name="市直机关中心组", kind=GroupKind.JOINT)
    StudyGroup.objects.bulk_create([g for g, _ in groups] + [joint])
    StudyGroupMember.objects.bulk_create(
        [StudyGroupMember(group=g, person_id=pk, role=role) for g, members in groups for pk, role in members]
    )

    sessions: list[tuple[Session, list[int], bool]] = []  # (session, invited, joint)
    for group, members in groups:
        invited = [pk for pk, _ in members]
        for year in range(first_year, today.year + 1):
            for q in range(4):
                q_start, q_end = period_bounds(year, "quarter", q)
                # Now and then a group lets a quarter pass: the frequency check shows it.
                n = 0 if rng.random() < 0.06 else rng.choice((1, 1, 2, 2, 3))
                for _ in range(n):
                    day = weekday_on_or_after(day_in(rng, q_start, q_end))
                    if day > q_end or day > today + dt.timedelta(days=45):
                        continue
                    sessions.append((_session(rng, group, day, today), invited, False))
    division = sorted(p.pk for p in world.people if p.rank == CadreRank.DIVISION and p.status in PARTY)
    for year in range(first_year, today.year + 1):
        for month in (3, 6, 11):
            day = weekday_on_or_after(dt.date(year, month, rng.randint(8, 22)))
            if day <= today + dt.timedelta(days=45):
                session = _session(rng, joint, day, today, topic=rng.choice(JOINT_TOPICS))
                session.hours, session.location = Decimal("3"), "市委党校报告厅"
                sessions.append((session, division, True))
    Session.objects.bulk_create([s for s, _, _ in sessions], batch_size=2000)

    speakers = []
    for s, invited, is_joint in sessions:
        if is_joint:
            speakers.append(SessionSpeaker(session=s, name=rng.choice(GUESTS), subject=s.topic[:60]))
        else:
            lead = invited[0]
            speakers.append(
                SessionSpeaker(session=s, person_id=lead, name=world_name(world, lead), subject="领学并作总结讲话")
            )
            other = rng.choice(invited[1:])
            speakers.append(
                SessionSpeaker(session=s, person_id=other, name=world_name(world, other), subject="交流发言")
            )
    SessionSpeaker.objects.bulk_create(speakers, batch_size=2000)

    def attendance_rows():
        for s, invited, is_joint in sessions:
            for pk in invited:
                if s.status == SessionStatus.HELD:
                    status, reason = pick_mark(rng, present=0.9 if is_joint else 0.93, late=0.02, excused=0.07)
                else:
                    status, reason = "", ""
                if status in ("present", "late"):
                    counts["attendances"] += 1
                yield (s.pk, pk, status, reason, s.held_on.year)

    insert(SessionAttendance, ["session", "person", "status", "reason", "year"], attendance_rows())
    counts["sessions"] = sum(1 for s, _, _ in sessions if s.status == SessionStatus.HELD)
    observers = [_observer(rng, s, office, world, today) for s, _, is_joint in sessions if office and not is_joint]
    Observer.objects.bulk_create([o for o in observers if o is not None], batch_size=2000)
    counts["observers"] = sum(1 for o in observers if o is not None)
    return counts


def world_name(world: World, pk: int) -> str:
    if not hasattr(world, "_names"):
        world._names = {p.pk: p.name for p in world.people}  # type: ignore[attr-defined]
    return world._names[pk]  # type: ignore[attr-defined]


def _session(rng: random.Random, group: StudyGroup, day: dt.date, today: dt.date, topic: str = "") -> Session:
    held = day <= today - dt.timedelta(days=1)
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(17, 0)))
    return Session(
        group=group,
        org_id=group.org_id,
        held_on=day,
        starts_at=dt.time(rng.choice((9, 14, 15)), 0),
        hours=Decimal("2"),
        topic=topic or rng.choice(TOPICS),
        location="机关会议室",
        summary="集体学习了有关文件精神，班子成员逐一交流发言。" if held else "",
        status=SessionStatus.HELD if held else SessionStatus.PLANNED,
        created_at=timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=20), dt.time(9, 0))),
        held_at=at if held else None,
    )


def _observer(rng: random.Random, s: Session, office: list[int], world: World, today: dt.date) -> Observer | None:
    if rng.random() < 0.3:
        return None  # not every session has an observer
    person = rng.choice(office)
    # Usually a week or two ahead; now and then with less than the five working days required.
    lead = rng.choice((2, 3, 4)) if rng.random() < 0.06 else rng.randint(5, 12)
    notified_on = notice_deadline(s.held_on, lead)
    notified_at = timezone.make_aware(dt.datetime.combine(notified_on, dt.time(10, 0)))
    due = s.held_on + dt.timedelta(days=10)
    submitted = None
    if s.status == SessionStatus.HELD:
        x = rng.random()
        after = rng.randint(1, 9) if x < 0.85 else rng.randint(11, 20) if x < 0.95 else None
        if after is not None and s.held_on + dt.timedelta(days=after) < today:
            submitted = timezone.make_aware(dt.datetime.combine(s.held_on + dt.timedelta(days=after), dt.time(16, 0)))
    return Observer(
        session=s,
        person_id=person,
        name=world_name(world, person),
        notified_at=notified_at,
        notice_working_days=working_days_between(notified_on, s.held_on),
        writeup_due_on=due,
        writeup=WRITEUP if submitted else "",
        writeup_submitted_at=submitted,
    )
