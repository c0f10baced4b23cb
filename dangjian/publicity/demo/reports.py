"""Demo data of the reporting side: information reports sent up, case studies and research outputs.

Called by `demo.articles.seed_publicity`; the date helpers here serve the articles too.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from dangjian.accounts.models import User
from dangjian.core.bulk import bulk_insert
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization

from ..conf import PublicitySettings
from ..models import InfoReport, Paper, PaperKind, ReportStatus, Step
from .texts import CASE_TITLES, MIDDLES, REPORT_TOPICS, RESEARCH_TITLES


def aware_time(day: dt.date, rng: random.Random) -> dt.datetime:
    # Office hours of the morning, so the steps that follow stay within the working day.
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, rng.randint(8, 10), rng.randint(0, 59)))


def day_in(rng: random.Random, year: int, today: dt.date) -> dt.date:
    # A few days' margin: what happened on the day is published a day or two later.
    last = today - dt.timedelta(days=3) if year == today.year else dt.date(year, 12, 31)
    start = min(dt.date(year, 1, 2), last)
    return start + dt.timedelta(days=rng.randint(0, max(0, (last - start).days)))


def report_rows(
    ctx: SeedContext,
    rng: random.Random,
    years: list[int],
    orgs: list[Organization],
    editor: User,
    staff: User,
    per_year: int,
) -> tuple[list[InfoReport], list[Step]]:
    levels = [code for code, _ in PublicitySettings.current().adoption_levels]
    rows: list[InfoReport] = []
    for year in years:
        share = 1.0 if year < ctx.today.year else max(0.1, ctx.today.timetuple().tm_yday / 366)
        for _ in range(max(1, round(per_year * share))):
            org = rng.choice(orgs)
            day = day_in(rng, year, ctx.today)
            sent = aware_time(day, rng)
            r = InfoReport(
                org=org,
                title=f"{org.name}{rng.choice(REPORT_TOPICS)}",
                drafted_by=editor,
                author=rng.choice(("张明", "刘洋", "赵静")),
                body=f"{org.name}{rng.choice(REPORT_TOPICS)}。" + "".join(rng.sample(MIDDLES, 3)),
                status=ReportStatus.SENT,
                submitted_at=sent - dt.timedelta(days=1),
                sent_at=sent,
                sent_by=staff,
            )
            adopted_on = day + dt.timedelta(days=rng.randint(3, 30))
            if rng.random() < 0.35 and adopted_on <= ctx.today:
                r.status, r.adopted_on, r.adoption_level = ReportStatus.ADOPTED, adopted_on, rng.choice(levels)
                r.adopted_at = aware_time(adopted_on, rng)
                r.adopted_in = f"《机关党建信息》{adopted_on.year}年第{rng.randint(1, 60)}期"
            rows.append(r)
    for r, status in zip(
        rows[-6:],
        (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.SUBMITTED, ReportStatus.RETURNED),
        strict=False,
    ):
        r.status, r.sent_at, r.sent_by, r.adopted_on, r.adoption_level, r.adopted_in = status, None, None, None, "", ""
        r.adopted_at = None
        if status == ReportStatus.DRAFT:
            r.submitted_at = None
        if status == ReportStatus.RETURNED and r.submitted_at is not None:
            r.returned_at = r.submitted_at + dt.timedelta(days=1)
    bulk_insert(InfoReport, rows, batch_size=1000)
    steps: list[Step] = []
    for r in rows:
        steps += _steps("info_report", r, editor, staff, r.submitted_at, r.sent_at)
        if r.adopted_at:
            steps.append(
                Step(
                    subject="info_report",
                    subject_id=r.pk,
                    org_id=r.org_id,
                    action=Step.Action.ADOPTED,
                    actor=staff,
                    at=r.adopted_at,
                    data={"level": r.adoption_level},
                )
            )
    return rows, steps


def _steps(
    subject: str, r: Any, editor: User, staff: User, submitted: dt.datetime | None, sent: dt.datetime | None
) -> list[Step]:
    out = []
    if submitted:
        out.append(
            Step(
                subject=subject,
                subject_id=r.pk,
                org_id=r.org_id,
                action=Step.Action.SUBMITTED,
                actor=editor,
                at=submitted,
            )
        )
    if sent:
        out.append(
            Step(subject=subject, subject_id=r.pk, org_id=r.org_id, action=Step.Action.SENT, actor=staff, at=sent)
        )
    return out


def paper_rows(
    ctx: SeedContext,
    rng: random.Random,
    years: list[int],
    orgs: list[Organization],
    editor: User,
    staff: User,
    volume: dict[str, int],
) -> tuple[list[Paper], list[Step]]:
    awards = [code for code, _ in PublicitySettings.current().award_levels]
    rows: list[Paper] = []
    for year in years:
        if year == ctx.today.year and ctx.today.month < 6:
            continue  # submissions gather in the second half of the year
        for kind, titles, count in (
            (PaperKind.CASE_STUDY, CASE_TITLES, volume["cases"]),
            (PaperKind.RESEARCH_OUTPUT, RESEARCH_TITLES, volume["research"]),
        ):
            for i in range(count):
                org = rng.choice(orgs)
                day = day_in(rng, year, ctx.today)
                title = (
                    f"{org.name}：{rng.choice(titles)}"
                    if kind == PaperKind.CASE_STUDY
                    else f"{rng.choice(titles)}（{i + 1}）"
                )
                p = Paper(
                    kind=kind,
                    org=org,
                    year=year,
                    title=title[:120],
                    authors=rng.choice(("张明、刘洋", "赵静", "孙磊、周婷")),
                    summary="本文总结了该单位在机关党建工作中的主要做法、取得的成效和经验启示。",
                    body="\n".join(rng.sample(MIDDLES, 4)),
                    drafted_by=editor,
                    status=ReportStatus.SENT,
                    submitted_at=aware_time(day, rng),
                    sent_at=aware_time(day, rng) + dt.timedelta(days=2),
                )
                if kind == PaperKind.CASE_STUDY and i < 2 and day + dt.timedelta(days=60) <= ctx.today:
                    p.award_level, p.award_name = rng.choice(awards[:3]), "全区机关党建优秀案例"
                    p.awarded_on = day + dt.timedelta(days=60)
                rows.append(p)
    bulk_insert(Paper, rows, batch_size=500)
    steps: list[Step] = []
    for p in rows:
        steps += _steps("paper", p, editor, staff, p.submitted_at, p.sent_at)
    return rows, steps
