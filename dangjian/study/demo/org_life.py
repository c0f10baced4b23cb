"""Demo organization life: five years of 三会一课, theme days, life meetings and reviews, with attendance.

Most organizations keep to the calendar; a few fall behind now and then, so
the compliance calendar has something to show. At city scale this writes the
bulk of the module's million attendance rows.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from dangjian.orgs.models import OrgKind

from ..models import ATTENDED, Meeting, MeetingAttendance, MeetingKind, MeetingTally, encode_counts
from ..selectors.calendar import period_bounds
from .base import World, bound_orgs, day_in, insert, insert_keyed, pick_marks, weekday_on_or_after

TOPICS: dict[str, tuple[str, ...]] = {
    MeetingKind.GENERAL: (
        "传达学习上级会议精神",
        "讨论接收预备党员",
        "预备党员转正讨论",
        "审议支部年度工作计划",
        "通报党费收缴使用情况",
        "推荐优秀共产党员",
        "专题学习党章党规",
    ),
    MeetingKind.BRANCH_COMMITTEE: (
        "研究本月支部工作安排",
        "研究发展党员工作",
        "研究主题党日活动方案",
        "讨论党员教育管理工作",
        "研究组织生活会准备工作",
        "研究党风廉政建设工作",
    ),
    MeetingKind.GROUP: (
        "学习近期重要讲话精神",
        "交流学习体会",
        "开展谈心谈话",
        "学习党纪学习教育读本",
        "讨论本组党员思想状况",
    ),
    MeetingKind.LECTURE: (
        "书记讲党课：坚定理想信念",
        "党课：深入学习贯彻党的二十大精神",
        "党课：弘扬伟大建党精神",
        "党课：严守政治纪律和政治规矩",
        "党课：以高质量党建引领机关建设",
    ),
    MeetingKind.THEME_DAY: (
        "重温入党誓词",
        "参观红色教育基地",
        "志愿服务进社区",
        "学习先进典型事迹",
        "观看警示教育片",
        "开展“我为群众办实事”活动",
        "清明祭英烈",
    ),
    MeetingKind.LIFE: ("年度组织生活会", "专题组织生活会"),
    MeetingKind.REVIEW: ("民主评议党员",),
}
LOCATIONS = ("支部活动室", "党员活动室", "会议室", "红色教育基地")


def _periods(year: int, every: str) -> list[tuple[dt.date, dt.date]]:
    count = {"month": 12, "quarter": 4, "year": 1}[every]
    return [period_bounds(year, every, i) for i in range(count)]


def _schedule(org_kind: str, has_committee: bool) -> list[tuple[str, str]]:
    if org_kind == OrgKind.GROUP:
        return [(MeetingKind.GROUP, "month")]
    kinds: list[tuple[str, str]] = [
        (MeetingKind.THEME_DAY, "month"),
        (MeetingKind.GENERAL, "quarter"),
        (MeetingKind.LECTURE, "quarter"),
        (MeetingKind.LIFE, "year"),
        (MeetingKind.REVIEW, "year"),
    ]
    if has_committee:
        kinds.insert(0, (MeetingKind.BRANCH_COMMITTEE, "month"))
    return kinds


def seed_meetings(world: World, rng: random.Random, *, first_year: int, today: dt.date) -> tuple[int, int]:
    """(meetings, attendance rows) written. Rows are plain tuples: sixty thousand model objects cost seconds."""
    meetings: list[tuple] = []
    marks_of: list[list[tuple[str, str]]] = []
    people_of: list[list[int]] = []
    for org in bound_orgs(world):
        roster = [p.pk for p in world.subtree(org)]
        committee = world.committees.get(org.pk, [])
        if not roster:
            continue
        # Most keep to the calendar; one in eight is patchy.
        miss = 0.2 if rng.random() < 0.12 else 0.01
        theme_day = rng.randint(5, 25)  # a fixed day each month (主题党日)
        start = max(dt.date(first_year, 1, 1), org.founded_on or dt.date(first_year, 1, 1))
        for kind, every in _schedule(org.kind, org.has_committee and bool(committee)):
            people = committee if kind == MeetingKind.BRANCH_COMMITTEE else roster
            for year in range(first_year, today.year + 1):
                for p_start, p_end in _periods(year, every):
                    if p_end < start or p_start > today or rng.random() < miss:
                        continue
                    if kind == MeetingKind.THEME_DAY:
                        day = weekday_on_or_after(p_start.replace(day=theme_day))
                    elif kind in (MeetingKind.LIFE, MeetingKind.REVIEW) and year < today.year:
                        day = weekday_on_or_after(dt.date(year, 12, rng.randint(1, 20)))
                    else:
                        day = weekday_on_or_after(day_in(rng, p_start, p_end))
                    day = max(day, start)
                    if day > today or day > p_end:
                        continue
                    marks = pick_marks(rng, len(people))
                    present = sum(1 for s, _ in marks if s in ATTENDED)
                    quorum = (
                        (len(people), present, present * 2 > len(people))
                        if kind == MeetingKind.BRANCH_COMMITTEE
                        else (None, None, None)
                    )
                    meetings.append(
                        (
                            org.pk,
                            kind,
                            day,
                            dt.time(rng.choice((9, 10, 14, 15)), 0),
                            rng.choice(TOPICS[kind]),
                            rng.choice(LOCATIONS),
                            committee[0] if committee else None,
                            f"会议由{org.name}召开，应到{len(people)}人，实到{present}人。",
                            *quorum,
                        )
                    )
                    marks_of.append(marks)
                    people_of.append(people)
    now = timezone.now()
    columns = [
        "org",
        "kind",
        "held_on",
        "starts_at",
        "topic",
        "location",
        "chair",
        "minutes",
        "committee_size",
        "committee_present",
        "quorum_met",
        "recorded_at",
    ]
    keys = insert_keyed(Meeting, columns, [(*m, now) for m in meetings])
    rows = insert(
        MeetingAttendance,
        ["meeting", "person", "status", "reason", "year"],
        (
            (key, pk, status, reason, meeting[2].year)
            for key, meeting, people, marks in zip(keys, meetings, people_of, marks_of, strict=True)
            for pk, (status, reason) in zip(people, marks, strict=True)
        ),
    )
    tallies: dict[tuple[int, int, str], list[int]] = {}
    for org_id, kind, day, *_rest, quorum_met in meetings:
        if quorum_met is not False:
            tallies.setdefault((org_id, day.year, kind), [0] * 12)[day.month - 1] += 1
    MeetingTally.objects.bulk_create(
        [MeetingTally(org_id=o, year=y, kind=k, counts=encode_counts(c)) for (o, y, k), c in tallies.items()],
        batch_size=2000,
    )
    return len(meetings), rows
