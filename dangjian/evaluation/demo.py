"""Demo data of the evaluation app (seed_demo finds it in the manifest).

Per committee: this year's round over the whole committee, closed five days ago
(about 420 secretaries at `city` scale, 54 evaluators of whom 50 voted, most
reports submitted, the tally written down, the secretaries rated 一般 or 差 on
the talk list with some talks held and closed), and an open round over one
bureau's party committee with its deadline ten days ahead, a few ballots cast.

Deterministic: everything random comes from `ctx.rng("evaluation")` (ballot ids
too), dates from `ctx.today`. Bulk writes only, then one figures_changed().
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.utils import timezone

from dangjian.core import scoping
from dangjian.core.bulk import bulk_insert
from dangjian.core.registry import figures_changed
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.selectors import for_apps as people

from . import selectors
from .conf import EvaluationSettings
from .models import (
    GRADE_ORDER,
    Ballot,
    Evaluator,
    EvaluatorKind,
    Mark,
    ReportStatus,
    Round,
    RoundStatus,
    Subject,
    Talk,
    TalkStatus,
)

SPECS = {"demo": (12, 11), "city": (54, 50), "province": (20, 18)}  # evaluators named, voted (closed round)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = ("建国", "志强", "海燕", "晓东", "丽华", "国庆", "永红", "文斌", "春梅", "立新", "秀英", "宏伟", "玉兰", "振华",
         "淑芬", "明亮", "桂英", "卫东", "红霞", "长青")  # fmt: skip
# How the evaluators see a secretary: weights of 好 / 较好 / 一般 / 差, and how many secretaries are seen so.
PROFILES = (((80, 17, 3, 0), 60), ((45, 40, 12, 3), 33), ((10, 30, 45, 15), 5), ((5, 15, 30, 50), 2))
REPORT = (
    "一、履行抓党建第一责任人职责情况：年初召开党建工作会议，制定年度党建工作要点和责任清单，"
    "全年主持召开支委会{n}次，讲党课{k}次。\n二、“三会一课”等组织生活制度落实情况：按时召开党员大会、"
    "支委会和党小组会，主题党日每月固定开展。\n三、存在的问题：党建与业务融合还不够紧密，青年党员教育管理办法不多。\n"
    "四、下一步打算：坚持党建引领，推动模范机关创建走深走实。"
)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _names(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    while len(seen) < n:
        seen.add(rng.choice(SURNAMES) + rng.choice(GIVEN))
    return sorted(seen, key=lambda s: rng.random())


def _subjects(round_: Round, scope: Organization, on: dt.date) -> list[Subject]:
    """The round's secretaries, not yet written (everything about them is filled in first)."""
    orgs = list(selectors.reporting_orgs(scope))
    secretaries = people.secretaries_on([o.pk for o in orgs], on)
    return [
        Subject(round=round_, org=o, secretary=secretaries[o.pk], secretary_name=secretaries[o.pk].name, position=i)
        for i, o in enumerate(o for o in orgs if o.pk in secretaries)
    ]


def _evaluators(rng: random.Random, round_: Round, n: int) -> list[Evaluator]:
    kinds = [EvaluatorKind.LEADER] * max(1, n // 10) + [EvaluatorKind.MEMBER] * max(1, n * 3 // 10)
    kinds += [EvaluatorKind.REPRESENTATIVE] * (n - len(kinds))
    return [
        Evaluator(
            round=round_,
            name=name,
            kind=kind,
            nonce=uuid.UUID(int=rng.getrandbits(128)).hex[:24],
            added_at=round_.opened_at,
        )  # fmt: skip
        for name, kind in zip(_names(rng, n), kinds, strict=True)
    ]


def _vote(
    rng: random.Random, round_: Round, subjects: list[Subject], voters: list[Evaluator], end: dt.datetime
) -> list[list[str]]:
    """VOTERS cast their ballots between the round's opening and END: each a grade per subject."""
    weights = [rng.choices([p for p, _ in PROFILES], weights=[w for _, w in PROFILES])[0] for _ in subjects]
    span = max(60, int((end - round_.opened_at).total_seconds()) - 3600)
    ballots = []
    for e in voters:
        e.cast_at = round_.opened_at + dt.timedelta(seconds=rng.randint(60, span))
        ballots.append([str(rng.choices(GRADE_ORDER, weights=w)[0]) for w in weights])
    rng.shuffle(ballots)  # nothing of the order they were cast in
    return ballots


def _reports(
    rng: random.Random, subjects: list[Subject], opened: dt.datetime, deadline: dt.datetime, share: float
) -> int:
    span = int((deadline - opened).total_seconds())
    filed = 0
    for s in subjects:
        roll = rng.random()
        if roll > share + 0.05:
            continue
        s.report_text = REPORT.format(n=rng.randint(10, 14), k=rng.randint(1, 3))
        s.drafted_at = opened + dt.timedelta(seconds=rng.randint(3600, span // 2))
        if roll <= share:
            s.report_status = ReportStatus.SUBMITTED
            s.submitted_at = s.drafted_at + dt.timedelta(seconds=rng.randint(600, span // 3))
            filed += 1
        else:
            s.report_status = ReportStatus.DRAFT
    return filed


def _tally(subjects: list[Subject], ballots: list[list[str]]) -> None:
    """The tally of BALLOTS written onto SUBJECTS (the same rule as selectors.tally)."""
    conf = EvaluationSettings.current()
    points = selectors.points_of(conf)
    for i, s in enumerate(subjects):
        counts: dict[str, int] = {}
        for b in ballots:
            counts[b[i]] = counts.get(b[i], 0) + 1
        r = selectors.result_of(counts, conf, points)
        s.votes_good, s.votes_fairly_good, s.votes_average, s.votes_poor = r.good, r.fairly_good, r.average, r.poor
        s.score, s.grade = r.score, r.grade


def _talks(rng: random.Random, round_: Round, subjects: list[Subject], today: dt.date) -> list[Talk]:
    assert round_.closed_at is not None
    talks = []
    for i, s in enumerate(s for s in subjects if s.grade in EvaluationSettings.current().talk_grades):
        t = Talk(subject=s, org_id=s.org_id, listed_at=round_.closed_at)
        if i % 3 != 2:  # two in three already talked to, half of those closed
            t.status, t.talked_on = TalkStatus.TALKED, today - dt.timedelta(days=rng.randint(1, 4))
            t.talked_by, t.talked_at = "工委常务副书记、组织部部长", _at(t.talked_on, 17)
            t.content = "通报述职评议结果，指出党建责任落实不到位、组织生活不规范等问题，提出整改要求。"
            t.rectification = "制定整改清单，一个月内补齐组织生活记录，按月向工委报告整改进展。"
            if i % 2 == 0:
                t.status, t.closed_at = TalkStatus.CLOSED, _at(today, 9)
        talks.append(t)
    return talks


def _write(
    rng: random.Random, round_: Round, subjects: list[Subject], evaluators: list[Evaluator], ballots: list[list[str]]
) -> int:
    """Write the round's rows in a few bulk statements; returns the marks written."""
    bulk_insert(Subject, subjects, batch_size=500)
    bulk_insert(Evaluator, evaluators)
    rows = [Ballot(id=uuid.UUID(int=rng.getrandbits(128), version=4), round=round_) for _ in ballots]
    bulk_insert(Ballot, rows)
    marks = [
        Mark(id=uuid.UUID(int=rng.getrandbits(128), version=4), ballot=b, subject=s, grade=grades[i])
        for b, grades in zip(rows, ballots, strict=True)
        for i, s in enumerate(subjects)
    ]
    rng.shuffle(marks)
    bulk_insert(Mark, marks, batch_size=2000)
    return len(marks)


def seed_evaluation(ctx: SeedContext) -> None:
    if not ctx.people:
        return
    rng = ctx.rng("evaluation")
    today, year, root = ctx.today, ctx.today.year, ctx.root
    named, voted = SPECS.get(ctx.scale, SPECS["demo"])

    opened, deadline = _at(today - dt.timedelta(days=30), 9), _at(today - dt.timedelta(days=5), 18)
    closed = Round.objects.create(
        scope=root, year=year, title=f"{year}年度基层党组织书记抓党建工作述职评议", deadline=deadline,
        status=RoundStatus.CLOSED, opened_at=opened, closed_at=deadline,
    )  # fmt: skip
    subjects = _subjects(closed, root, opened.date())
    if not subjects:
        closed.delete()
        return
    evaluators = _evaluators(rng, closed, named)
    ballots = _vote(rng, closed, subjects, evaluators[:voted], deadline)
    reports = _reports(rng, subjects, opened, deadline, 0.9)
    _tally(subjects, ballots)
    marks = _write(rng, closed, subjects, evaluators, ballots)
    talks = Talk.objects.bulk_create(_talks(rng, closed, subjects, today))

    # The open one: a bureau's party committee and its branches, evaluated again by its own members.
    listed = {s.org_id for s in subjects}
    bureaus = scoping.in_subtree(Organization.objects.filter(kind=OrgKind.PARTY_COMMITTEE), root, "").order_by("path")
    bureau = next((b for b in bureaus if b.pk in listed and b.depth == root.depth + 1), None)
    rounds = 1
    if bureau is not None:
        opened2 = _at(today - dt.timedelta(days=2), 10)
        running = Round.objects.create(
            scope=bureau, year=year, title=f"{year}年度{bureau.name}所属党支部书记述职评议",
            deadline=_at(today + dt.timedelta(days=10), 18), opened_at=opened2,
        )  # fmt: skip
        subjects2 = _subjects(running, bureau, today)
        evaluators2 = _evaluators(rng, running, 8)
        ballots2 = _vote(rng, running, subjects2, evaluators2[:3], _at(today, 9))
        reports += _reports(rng, subjects2, opened2, _at(today, 9), 0.3)
        marks += _write(rng, running, subjects2, evaluators2, ballots2)
        rounds += 1

    figures_changed("evaluation")
    ctx.counts["述职评议"] = rounds
    ctx.counts["述职书记"] = len(subjects)
    ctx.counts["评议票"] = Ballot.objects.filter(round__scope=root).count()
    ctx.counts["评议等次"] = marks
    ctx.counts["述职报告"] = reports
    ctx.counts["述职约谈"] = len(talks)
