"""Demo data of the publicity module (a seeder for dangjian.demo, see its extensions.py).

Per committee: the website, the WeChat account and the paper's special pages
with their columns; an editor (编辑) and a reviewer (审核) account; five years
of published articles with their history (and a few drafts, submitted and
approved ones this year, two of them stopped by the gate); newspaper special
pages on 七一 and 国庆; information reports sent up (about 130 a year at city
scale) with adoptions; case studies and research outputs with awards.
Everything is drawn from ctx.rng and laid out around ctx.today; rows go in
with bulk_create, so city scale takes a second or two.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.demo.extensions import SeedContext
from dangjian.orgs.models import Organization, OrgKind

from . import conf
from .demo_texts import (
    ACTIVITIES,
    BLOCKED_DRAFTS,
    CASE_TITLES,
    MIDDLES,
    OPENINGS,
    REPORT_TOPICS,
    RESEARCH_TITLES,
)
from .models import (
    Article,
    ArticleEvent,
    Channel,
    ChannelKind,
    Column,
    InfoReport,
    Paper,
    PaperKind,
    ReportStatus,
    SpecialPage,
    Status,
    Step,
)
from .models.articles import content_hash
from .services import gate

# Articles published a year, information reports sent up a year, papers a year.
VOLUMES = {
    "demo": {"articles": 36, "reports": 30, "cases": 3, "research": 4, "years": 5},
    "city": {"articles": 120, "reports": 130, "cases": 5, "research": 8, "years": 5},
    "province": {"articles": 30, "reports": 40, "cases": 2, "research": 2, "years": 2},
}

CHANNELS = (
    (
        ChannelKind.SITE,
        "website",
        "党建网站",
        (("gzdt", "工作动态"), ("jcfc", "基层风采"), ("llxx", "理论学习"), ("tzgg", "通知公告")),
    ),
    (ChannelKind.WECHAT, "wechat", "微信公众号", (("djwbb", "党建微播报"), ("xxyd", "学习园地"))),
    (ChannelKind.NEWSPAPER, "newspaper", "报纸专版", (("djzb", "党建专版"),)),
)

CREATED: dict[int, dt.datetime] = {}


def _aware(day: dt.date, rng: random.Random) -> dt.datetime:
    # Office hours of the morning, so the steps that follow stay within the working day.
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, rng.randint(8, 10), rng.randint(0, 59)))


def _day(rng: random.Random, year: int, today: dt.date) -> dt.date:
    # A few days' margin: what happened on the day is published a day or two later.
    last = today - dt.timedelta(days=3) if year == today.year else dt.date(year, 12, 31)
    start = min(dt.date(year, 1, 2), last)
    return start + dt.timedelta(days=rng.randint(0, max(0, (last - start).days)))


def _accounts(ctx: SeedContext) -> tuple[User, User]:
    suffix = "" if ctx.committee_index == 0 else f"_{ctx.root.code.lower()}"
    if ctx.committee_index == 0:
        from dangjian.demo.accounts import DEMO_PASSWORD

        password = make_password(DEMO_PASSWORD)
    else:
        password = make_password(None)
    editor = User.objects.create(username=f"bianji{suffix}", password=password, display_name="王晓燕")
    reviewer = User.objects.create(username=f"shenhe{suffix}", password=password, display_name="李建军")
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=editor, role=Role.EDITOR, org=ctx.root),
            RoleAssignment(user=reviewer, role=Role.REVIEWER, org=ctx.root),
        ]
    )
    return editor, reviewer


def _channels(ctx: SeedContext) -> dict[str, list[Column]]:
    suffix = "" if ctx.committee_index == 0 else f"-{ctx.root.code.lower()}"
    out: dict[str, list[Column]] = {}
    for position, (kind, slug, name, columns) in enumerate(CHANNELS):
        channel = Channel.objects.create(org=ctx.root, kind=kind, name=name, slug=f"{slug}{suffix}", position=position)
        out[kind] = Column.objects.bulk_create(
            [Column(channel=channel, name=n, slug=s, position=i) for i, (s, n) in enumerate(columns)]
        )
    return out


def _body(rng: random.Random, org: Organization, day: dt.date, activity: str) -> str:
    opening = rng.choice(OPENINGS).format(org=org.name, date=f"{day.month}月{day.day}日", activity=activity)
    middle = rng.sample(MIDDLES, 2)
    return "".join(f'<p style="text-indent:2em">{p}</p>' for p in (opening, *middle))


def seed_publicity(ctx: SeedContext) -> None:
    volume = VOLUMES.get(ctx.scale, VOLUMES["demo"])
    rng = ctx.rng("publicity")
    today = ctx.today
    years = list(range(today.year - volume["years"] + 1, today.year + 1))
    editor, reviewer = _accounts(ctx)
    columns = _channels(ctx)
    sources = list(
        Organization.objects.filter(path__startswith=ctx.root.path, depth__in=(2, 3))
        .exclude(kind=OrgKind.GROUP)
        .order_by("path")
    )
    top = [o for o in sources if o.depth == 2] or [ctx.root]

    specials = _special_pages(ctx, rng, years, columns[ChannelKind.NEWSPAPER][0].channel, editor)
    articles, events = _articles(ctx, rng, years, sources, columns, specials, editor, reviewer, volume["articles"])
    reports, steps = _reports(ctx, rng, years, top, editor, reviewer, volume["reports"])
    papers, paper_steps = _papers(ctx, rng, years, top, editor, reviewer, volume)
    ArticleEvent.objects.bulk_create(events, batch_size=2000)
    Step.objects.bulk_create(steps + paper_steps, batch_size=2000)
    _blocked_drafts(ctx, rng, top, columns[ChannelKind.SITE][0], editor)

    published = sum(1 for a in articles if a.status == Status.PUBLISHED)
    for key, value in (
        ("宣传稿件", published),
        ("报纸专版", len(specials)),
        ("信息报送", sum(1 for r in reports if r.status in (ReportStatus.SENT, ReportStatus.ADOPTED))),
        ("优秀案例与研究成果", len(papers)),
    ):
        ctx.counts[key] = ctx.counts.get(key, 0) + value


def _special_pages(
    ctx: SeedContext, rng: random.Random, years: list[int], channel: Channel, by: User
) -> list[SpecialPage]:
    pages = []
    for year in years:
        for month, day, occasion, title in (
            (7, 1, "七一", "庆祝中国共产党成立{n}周年"),
            (10, 1, "国庆", "喜迎国庆 奋进新征程"),
        ):
            run_on = dt.date(year, month, day)
            if run_on > ctx.today:
                continue
            pages.append(
                SpecialPage(
                    org=ctx.root,
                    channel=channel,
                    title=title.format(n=year - 1921),
                    newspaper="市日报",
                    edition=f"第{rng.randint(5, 8)}版",
                    occasion=occasion,
                    run_on=run_on,
                    created_by=by,
                )
            )
    return SpecialPage.objects.bulk_create(pages)


def _articles(
    ctx: SeedContext,
    rng: random.Random,
    years: list[int],
    sources: list[Organization],
    columns: dict[str, list[Column]],
    specials: list[SpecialPage],
    editor: User,
    reviewer: User,
    per_year: int,
) -> tuple[list[Article], list[ArticleEvent]]:
    CREATED.clear()
    site, wechat, paper = columns[ChannelKind.SITE], columns[ChannelKind.WECHAT], columns[ChannelKind.NEWSPAPER][0]
    rows: list[Article] = []
    for year in years:
        share = 1.0 if year < ctx.today.year else max(0.1, ctx.today.timetuple().tm_yday / 366)
        for _ in range(max(1, round(per_year * share))):
            org = rng.choice(sources)
            day = _day(rng, year, ctx.today)
            activity = rng.choice(ACTIVITIES)
            column = rng.choice(site + wechat)
            title = f"{org.name}{activity}"
            rows.append(_article(rng, org, column, title, _body(rng, org, day, activity), day, editor, reviewer))
        for sp in (s for s in specials if s.run_on.year == year):
            for _ in range(3):
                org = rng.choice(sources)
                activity = rng.choice(ACTIVITIES)
                a = _article(
                    rng,
                    org,
                    paper,
                    f"{org.name}{activity}",
                    _body(rng, org, sp.run_on, activity),
                    sp.run_on,
                    editor,
                    reviewer,
                )
                a.special_page = sp
                rows.append(a)
    # This year's newest ones are still on their way.
    recent = sorted(
        (a for a in rows if a.published_at and a.published_at.year == ctx.today.year), key=lambda a: CREATED[id(a)]
    )
    stages = (Status.DRAFT, Status.DRAFT, Status.SUBMITTED, Status.SUBMITTED, Status.APPROVED)
    for a, status in zip(reversed(recent), stages, strict=False):
        a.status, a.published_at, a.published_hash = status, None, ""
        if status != Status.APPROVED:
            a.approved_at, a.reviewer = None, None
        if status == Status.DRAFT:
            a.submitted_at, a.scan_verdict, a.scanned_at, a.scanned_hash = None, "", None, ""
    Article.objects.bulk_create(rows, batch_size=1000)
    # auto_now(_add) stamped them all with today; give them their own days.
    for a in rows:
        a.created_at = CREATED[id(a)]
        a.updated_at = a.published_at or a.submitted_at or CREATED[id(a)]
    Article.objects.bulk_update(rows, ["created_at", "updated_at"], batch_size=1000)
    events: list[ArticleEvent] = []
    for a in rows:
        steps = [(ArticleEvent.Action.CREATED, editor, CREATED[id(a)])]
        if a.submitted_at:
            steps.append((ArticleEvent.Action.SUBMITTED, editor, a.submitted_at))
        if a.approved_at:
            steps.append((ArticleEvent.Action.APPROVED, reviewer, a.approved_at))
        if a.published_at:
            steps.append((ArticleEvent.Action.PUBLISHED, reviewer, a.published_at))
        events += [ArticleEvent(article=a, action=act, actor=who, at=at) for act, who, at in steps]
    return rows, events


def _article(
    rng: random.Random,
    org: Organization,
    column: Column,
    title: str,
    body: str,
    day: dt.date,
    editor: User,
    reviewer: User,
) -> Article:
    created = _aware(day, rng)
    submitted = created + dt.timedelta(minutes=rng.randint(30, 150))
    approved = submitted + dt.timedelta(minutes=rng.randint(20, 120))
    published = approved + dt.timedelta(minutes=rng.randint(5, 90))
    a = Article(
        org=org,
        column=column,
        title=title[:120],
        body=body,
        author=rng.choice(("张明", "刘洋", "赵静", "孙磊", "周婷", "吴昊")),
        editor=editor,
        reviewer=reviewer,
        status=Status.PUBLISHED,
        submitted_at=submitted,
        approved_at=approved,
        published_at=published,
        scan_verdict="clean",
        scanned_at=published,
    )
    a.scanned_hash = a.published_hash = content_hash(a.title, a.title, a.body)
    CREATED[id(a)] = created  # auto_now_add would stamp today: keep the day for the history
    return a


def _reports(
    ctx: SeedContext,
    rng: random.Random,
    years: list[int],
    orgs: list[Organization],
    editor: User,
    staff: User,
    per_year: int,
) -> tuple[list[InfoReport], list[Step]]:
    levels = [code for code, _ in conf.setting("ADOPTION_LEVELS")]
    rows: list[InfoReport] = []
    for year in years:
        share = 1.0 if year < ctx.today.year else max(0.1, ctx.today.timetuple().tm_yday / 366)
        for _ in range(max(1, round(per_year * share))):
            org = rng.choice(orgs)
            day = _day(rng, year, ctx.today)
            sent = _aware(day, rng)
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
                r.adopted_in = f"《机关党建信息》{adopted_on.year}年第{rng.randint(1, 60)}期"
            rows.append(r)
    for r, status in zip(
        rows[-6:],
        (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.SUBMITTED, ReportStatus.RETURNED),
        strict=False,
    ):
        r.status, r.sent_at, r.sent_by, r.adopted_on, r.adoption_level, r.adopted_in = status, None, None, None, "", ""
        if status == ReportStatus.DRAFT:
            r.submitted_at = None
    InfoReport.objects.bulk_create(rows, batch_size=1000)
    steps: list[Step] = []
    for r in rows:
        steps += _steps("info_report", r, editor, staff, r.submitted_at, r.sent_at)
        if r.adopted_on:
            steps.append(
                Step(
                    subject="info_report",
                    subject_id=r.pk,
                    org_id=r.org_id,
                    action=Step.Action.ADOPTED,
                    actor=staff,
                    at=_aware(r.adopted_on, rng),
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


def _papers(
    ctx: SeedContext,
    rng: random.Random,
    years: list[int],
    orgs: list[Organization],
    editor: User,
    staff: User,
    volume: dict[str, int],
) -> tuple[list[Paper], list[Step]]:
    awards = [code for code, _ in conf.setting("AWARD_LEVELS")]
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
                day = _day(rng, year, ctx.today)
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
                    submitted_at=_aware(day, rng),
                    sent_at=_aware(day, rng) + dt.timedelta(days=2),
                )
                if kind == PaperKind.CASE_STUDY and i < 2 and day + dt.timedelta(days=60) <= ctx.today:
                    p.award_level, p.award_name = rng.choice(awards[:3]), "全区机关党建优秀案例"
                    p.awarded_on = day + dt.timedelta(days=60)
                rows.append(p)
    Paper.objects.bulk_create(rows, batch_size=500)
    steps: list[Step] = []
    for p in rows:
        steps += _steps("paper", p, editor, staff, p.submitted_at, p.sent_at)
    return rows, steps


def _blocked_drafts(
    ctx: SeedContext, rng: random.Random, orgs: list[Organization], column: Column, editor: User
) -> None:
    """Two drafts the gate stopped at submission, scanned for real, with the history to show it."""
    opts = gate.contentsec.options(names=[o.name for o in orgs])
    org = next((o for o in orgs if o.name.endswith("局机关党委")), orgs[0])
    unit = org.name.removesuffix("机关党委")
    head, tail = unit[:-2], unit[-1:]
    for title, body in BLOCKED_DRAFTS:
        article = Article.objects.create(
            org=org,
            column=column,
            title=title.format(unit_head=head, unit_tail=tail),
            body=body.format(unit_head=head, unit_tail=tail),
            author="张明",
            editor=editor,
        )
        outcome = gate.check(article, opts)
        article.save()
        now = timezone.make_aware(dt.datetime.combine(ctx.today, dt.time(9, rng.randint(0, 59))))
        ArticleEvent.objects.bulk_create(
            [
                ArticleEvent(article=article, action=ArticleEvent.Action.CREATED, actor=editor, at=now),
                ArticleEvent(
                    article=article,
                    action=ArticleEvent.Action.SUBMIT_BLOCKED,
                    actor=editor,
                    at=now + dt.timedelta(minutes=5),
                    data={
                        "findings": [
                            {"kind": f["kind"], "excerpt": f["excerpt"][:80], "field": f.get("field", "")}
                            for f in outcome.blocking
                        ]
                    },
                ),
            ]
        )
