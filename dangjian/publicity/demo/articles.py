"""Demo articles of the publicity module, and seed_publicity, its seeder (demo/__init__.py).

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

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.core import scoping
from dangjian.core.bulk import bulk_insert
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind

from ..models import (
    Article,
    ArticleEvent,
    Channel,
    ChannelKind,
    Column,
    ReportStatus,
    SpecialPage,
    Status,
    Step,
)
from ..models.articles import content_hash
from ..services import gate
from .reports import aware_time, day_in, paper_rows, report_rows
from .texts import (
    ACTIVITIES,
    BLOCKED_DRAFTS,
    MIDDLES,
    OPENINGS,
)

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


def _accounts(ctx: SeedContext) -> tuple[User, User]:
    suffix = "" if ctx.committee_index == 0 else f"_{ctx.root.code.lower()}"
    if ctx.committee_index == 0:
        from dangjian.core.seeding import DEMO_PASSWORD

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
        scoping.in_subtree(Organization.objects.filter(depth__in=(2, 3)), ctx.root, "")
        .exclude(kind=OrgKind.GROUP)
        .order_by("path")
    )
    top = [o for o in sources if o.depth == 2] or [ctx.root]

    specials = _special_pages(ctx, rng, years, columns[ChannelKind.NEWSPAPER][0].channel, editor)
    articles, events = _articles(ctx, rng, years, sources, columns, specials, editor, reviewer, volume["articles"])
    reports, steps = report_rows(ctx, rng, years, top, editor, reviewer, volume["reports"])
    papers, paper_steps = paper_rows(ctx, rng, years, top, editor, reviewer, volume)
    bulk_insert(ArticleEvent, events, batch_size=2000)
    bulk_insert(Step, steps + paper_steps, batch_size=2000)
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
            day = day_in(rng, year, ctx.today)
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
    bulk_insert(Article, rows, batch_size=1000)
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
    created = aware_time(day, rng)
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
        bulk_insert(
            ArticleEvent,
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
            ],
        )
