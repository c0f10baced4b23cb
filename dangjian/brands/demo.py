"""Demo data of the brand module (found through the manifest by seed_demo).

Per committee, a three-year plan “一支部一品牌” (last year to next year) with
its stages 培育 → 认定 → 深化, and:

- a pilot batch last year (`city`: 12 submitted, 8 recognized), re-evaluated
  this year: most kept, two downgraded, one revoked (each after its notice) and
  one downgrade still on notice;
- this year's first batch, the seed report's year: 63 submitted (some returned
  once and resubmitted, so with two versions), scored by 7 reviewers, 30
  recognized after a 5-working-day notice, the others 未入选;
- this year's second batch, open, with a few drafts;
- a brand training class and an exchange meeting where seven demonstration
  organizations presented.

Rows go in with bulk_create: seeding is not a user's write (auditlog is off).
Everything random comes from `ctx.rng("brands")`; dates from `ctx.today`.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.core import tree
from dangjian.core.seeding import SeedContext
from dangjian.orgs.models import Organization, OrgKind

from .conf import DEFAULT_RUBRIC
from .models import (
    Batch,
    BatchStatus,
    Brand,
    BrandEvent,
    BrandStatus,
    BrandVersion,
    ExchangeEvent,
    ExchangeKind,
    Outcome,
    Plan,
    Presentation,
    ReevalStatus,
    Reevaluation,
    Reviewer,
    Score,
    Stage,
    StageKind,
)
from .services.common import after_working_days


@dataclass(frozen=True)
class Volume:
    pilot: int
    pilot_recognized: int
    submitted: int
    recognized: int
    returned_once: int
    drafts: int
    reviewers: int


VOLUMES = {
    "demo": Volume(4, 3, 10, 5, 2, 2, 5),
    "city": Volume(12, 8, 63, 30, 10, 6, 7),
    "province": Volume(12, 8, 63, 30, 10, 6, 7),
}
WORDS_A = (
    "红色",
    "先锋",
    "初心",
    "连心",
    "暖心",
    "清风",
    "匠心",
    "阳光",
    "星火",
    "同心",
    "筑梦",
    "立信",
    "为民",
    "守正",
)
WORDS_B = ("驿站", "账本", "课堂", "工作室", "先锋岗", "服务队", "讲堂", "桥梁", "e家", "引擎", "港湾", "方舟", "灯塔")
COLORS = ((183, 28, 28), (198, 40, 40), (211, 47, 47), (245, 197, 24), (142, 18, 18), (230, 81, 0))


def _logo(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 240), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    color = rng.choice(COLORS)
    draw.ellipse((20, 20, 220, 220), outline=color, width=14)
    cx = 120
    points = [
        (cx, 58),
        (138, 106),
        (188, 108),
        (148, 138),
        (162, 186),
        (cx, 158),
        (78, 186),
        (92, 138),
        (52, 108),
        (102, 106),
    ]
    draw.polygon(points, fill=(245, 197, 24) if color != (245, 197, 24) else (183, 28, 28))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _texts(org: Organization, name: str) -> dict[str, str]:
    unit = org.units.order_by("pk").first()
    base = unit.name if unit is not None else "本单位"
    return {
        "name": name,
        "slogan": f"{name}，服务在身边",
        "meaning": f"{org.name}立足{base}职能，以“{name}”为抓手，把党建工作融入业务工作全过程，做到党建业务两促进。",
        "vehicle": "每月开展一次主题党日，设立党员先锋岗和志愿服务队，建立“书记项目”清单，党员结对联系服务群众。",
        "impact": "品牌创建以来，党员参与率明显提高，服务群众事项按时办结，单位获评市直机关先进基层党组织。",
    }


def _reviewers(ctx: SeedContext, n: int) -> list[User]:
    """Reviewer identities: committee staff without a usable password (they cannot log in);
    with the demo accounts, gongwei is the first, so the demo shows a reviewer's view."""
    users: list[User] = []
    if ctx.with_accounts:
        gongwei = User.objects.filter(username="gongwei").first()
        if gongwei is not None:
            users.append(gongwei)
    unusable = make_password(None)
    for i in range(len(users), n):
        user, created = User.objects.get_or_create(
            username=f"pingshen{ctx.committee_index + 1}_{i + 1}",
            defaults={"password": unusable, "display_name": f"评审专家{i + 1}", "is_active": True},
        )
        if created:
            RoleAssignment.objects.create(user=user, role=Role.COMMITTEE_STAFF, org=ctx.root)
        users.append(user)
    return users


def seed_brands(ctx: SeedContext) -> None:
    volume = VOLUMES.get(ctx.scale, VOLUMES["demo"])
    rng = ctx.rng("brands")
    today = ctx.today
    tz = timezone.get_current_timezone()
    year = today.year
    branches = list(Organization.objects.filter(tree.subtree_q([ctx.root.path]), kind=OrgKind.BRANCH).order_by("path"))
    wanted = volume.pilot + volume.submitted + volume.drafts
    if len(branches) < wanted:
        return
    chosen = rng.sample(branches, wanted)
    pilot_orgs = sorted(chosen[: volume.pilot], key=lambda o: o.path)
    batch_orgs = sorted(chosen[volume.pilot : volume.pilot + volume.submitted], key=lambda o: o.path)
    draft_orgs = sorted(chosen[volume.pilot + volume.submitted :], key=lambda o: o.path)

    year_start = dt.date(year, 1, 1)
    span = max(10, (today - year_start).days)

    def on(fraction: float, base: dt.date = year_start, length: int = span) -> dt.date:
        return min(today, base + dt.timedelta(days=int(length * fraction)))

    def at(day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59)), tzinfo=tz)

    plan = Plan.objects.create(
        committee=ctx.root,
        name="“一支部一品牌”三年行动计划",
        starts_on=dt.date(year - 1, 1, 1),
        ends_on=dt.date(year + 1, 12, 31),
        description="围绕“一支部一品牌”目标，用三年时间培育、认定、深化一批特色鲜明、成效明显的机关党建品牌，实行动态管理、有进有出。",
        created_at=at(dt.date(year - 1, 1, 10)),
    )
    cultivate = Stage.objects.create(
        plan=plan,
        kind=StageKind.CULTIVATE,
        name="培育阶段",
        starts_on=dt.date(year - 1, 1, 1),
        ends_on=dt.date(year - 1, 12, 31),
    )
    recognize = Stage.objects.create(
        plan=plan,
        kind=StageKind.RECOGNIZE,
        name="认定阶段",
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31),
    )
    Stage.objects.create(
        plan=plan,
        kind=StageKind.DEEPEN,
        name="深化阶段",
        starts_on=dt.date(year + 1, 1, 1),
        ends_on=dt.date(year + 1, 12, 31),
    )
    rubric = [[k, t, m] for k, t, m in DEFAULT_RUBRIC]
    reviewers = _reviewers(ctx, volume.reviewers)
    logos = ctx.committee_index == 0  # files for one committee only (province scale stays light)

    pilot_notice = dt.date(year - 1, 6, 1)
    pilot = Batch.objects.create(
        stage=cultivate,
        name="试点批次",
        year=year - 1,
        submit_by=dt.date(year - 1, 4, 30),
        status=BatchStatus.RECOGNIZED,
        rubric=rubric,
        created_at=at(dt.date(year - 1, 2, 1)),
        reviewing_at=at(dt.date(year - 1, 5, 6)),
        noticed_at=at(pilot_notice),
        notice_ends_on=after_working_days(pilot_notice, 5),
        recognized_at=at(dt.date(year - 1, 6, 20)),
        notice_text="公示期间如有异议，请向市直机关工委组织部反映。",
    )
    notice_day = on(0.7)
    first = Batch.objects.create(
        stage=recognize,
        name="第一批",
        year=year,
        submit_by=on(0.4),
        status=BatchStatus.RECOGNIZED,
        rubric=rubric,
        created_at=at(year_start),
        reviewing_at=at(on(0.5)),
        noticed_at=at(notice_day),
        notice_ends_on=after_working_days(notice_day, 5),
        recognized_at=at(on(0.85), 15),
        notice_text="公示期间如有异议，请向市直机关工委组织部反映。",
    )
    second = Batch.objects.create(
        stage=recognize,
        name="第二批",
        year=year,
        submit_by=today + dt.timedelta(days=60),
        rubric=rubric,
        created_at=at(today - dt.timedelta(days=min(20, span))),
    )
    batch_reviewers = {
        b.pk: Reviewer.objects.bulk_create(
            [Reviewer(batch=b, user=u, title="工委组织部" if i == 0 else "党建专家") for i, u in enumerate(reviewers)]
        )
        for b in (pilot, first)
    }
    Reviewer.objects.bulk_create([Reviewer(batch=second, user=reviewers[0], title="工委组织部")])

    names_used: set[str] = set()

    def new_name() -> str:
        for _ in range(50):
            name = rng.choice(WORDS_A) + rng.choice(WORDS_B)
            if name not in names_used:
                names_used.add(name)
                return name
        return rng.choice(WORDS_A) + rng.choice(WORDS_B) + str(len(names_used))

    brands: list[Brand] = []
    plans_: list[dict[str, Any]] = []  # per brand: what happened, written after the brands exist

    def make(org: Organization, batch: Batch, status: str, **fields: object) -> Brand:
        brand = Brand(org=org, batch=batch, status=status, **_texts(org, new_name()), **fields)  # type: ignore[arg-type]
        if logos:
            data = _logo(rng)
            stem = f"demo-{ctx.committee_index}-{org.code}"
            brand.logo.name = default_storage.save(f"brands/logos/{batch.year}/{stem}.png", ContentFile(data))
            brand.logo_thumb.name = brand.logo.name
            brand.logo_type, brand.logo_width, brand.logo_height = "image/png", 240, 240
        brands.append(brand)
        return brand

    # The pilot batch: submitted in March last year, recognized in June.
    pilot_winners = set(rng.sample(range(len(pilot_orgs)), volume.pilot_recognized))
    for i, org in enumerate(pilot_orgs):
        submitted = at(dt.date(year - 1, 3, rng.randint(1, 28)))
        won = i in pilot_winners
        b = make(
            org,
            pilot,
            BrandStatus.RECOGNIZED if won else BrandStatus.NOT_SELECTED,
            version_count=1,
            first_submitted_at=submitted,
            submitted_at=submitted,
            created_at=submitted - dt.timedelta(days=7),
        )
        if won:
            b.selected_at, b.recognized_at = pilot.noticed_at, pilot.recognized_at
        else:
            b.not_selected_at = pilot.noticed_at
        plans_.append({"brand": b, "versions": [submitted], "returned": None})

    # The first batch this year: 63 submitted, some returned once, 30 recognized.
    returned = set(rng.sample(range(len(batch_orgs)), volume.returned_once))
    for i, org in enumerate(batch_orgs):
        submitted = at(on(rng.uniform(0.05, 0.3)))
        stamps = [submitted]
        back = None
        if i in returned:
            back = submitted + dt.timedelta(days=rng.randint(3, 8))
            stamps.append(back + dt.timedelta(days=rng.randint(2, 6)))
        b = make(
            org,
            first,
            BrandStatus.SUBMITTED,
            version_count=len(stamps),
            first_submitted_at=submitted,
            submitted_at=stamps[-1],
            returned_at=back,
            created_at=submitted - dt.timedelta(days=5),
        )
        plans_.append({"brand": b, "versions": stamps, "returned": back})

    for org in draft_orgs:
        created = at(on(0.95))
        make(org, second, BrandStatus.DRAFT, created_at=created, updated_at=created)
    Brand.objects.bulk_create(brands, batch_size=500)

    # Certificates for the pilot winners.
    for n, b in enumerate((p["brand"] for p in plans_[: len(pilot_orgs)] if p["brand"].recognized_at), start=1):
        b.certificate_no = f"品牌认定〔{pilot.year}〕{pilot.pk:02d}-{n:03d}号"

    versions: list[BrandVersion] = []
    events: list[BrandEvent] = []
    staff = reviewers[0]
    for p in plans_:
        b = p["brand"]
        events.append(BrandEvent(brand=b, action=BrandEvent.Action.CREATED, to_status="draft", at=b.created_at))
        for n, when in enumerate(p["versions"], start=1):
            versions.append(
                BrandVersion(
                    brand=b,
                    number=n,
                    name=b.name,
                    slogan=b.slogan,
                    meaning=b.meaning,
                    vehicle=b.vehicle,
                    impact=b.impact if n == len(p["versions"]) else b.impact[:20] + "……",
                    logo=b.logo.name,
                    logo_thumb=b.logo_thumb.name,
                    logo_sha256="",
                    submitted_at=when,
                )
            )
            events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.SUBMITTED,
                    at=when,
                    data={"version": n},
                    from_status="draft" if n == 1 else "returned",
                    to_status="submitted",
                )
            )
            if n == 1 and p["returned"]:
                events.append(
                    BrandEvent(
                        brand=b,
                        action=BrandEvent.Action.RETURNED,
                        at=p["returned"],
                        actor=staff,
                        from_status="submitted",
                        to_status="returned",
                        comment="品牌成效缺少具体数据，请补充近一年的工作成效和群众评价。",
                    )
                )
    draft_brands = [b for b in brands if b.status == BrandStatus.DRAFT]
    for b in draft_brands:
        events.append(BrandEvent(brand=b, action=BrandEvent.Action.CREATED, to_status="draft", at=b.created_at))
    BrandVersion.objects.bulk_create(versions, batch_size=1000)

    # Scores: 7 reviewers each; the 30 best of the first batch are selected, then recognized.
    scores: list[Score] = []
    keys = [(k, m) for k, _, m in DEFAULT_RUBRIC]
    first_brands = [p["brand"] for p in plans_ if p["brand"].batch_id == first.pk]
    pilot_brands = [p["brand"] for p in plans_ if p["brand"].batch_id == pilot.pk]
    quality: dict[int, float] = {}
    for b in pilot_brands + first_brands:
        if b.batch_id == pilot.pk:
            quality[b.pk] = rng.uniform(0.85, 0.95) if b.status == BrandStatus.RECOGNIZED else rng.uniform(0.6, 0.75)
        else:
            quality[b.pk] = rng.uniform(0.55, 0.95)
        for reviewer in batch_reviewers[b.batch_id]:
            parts = {
                k: str(Decimal(max(0, min(m, round(m * (quality[b.pk] + rng.uniform(-0.08, 0.08))))))) for k, m in keys
            }
            total = sum(Decimal(v) for v in parts.values())
            when = at(on(0.55)) if b.batch_id == first.pk else at(dt.date(year - 1, 5, 15))
            scores.append(
                Score(
                    brand=b,
                    reviewer=reviewer,
                    parts=parts,
                    total=total,
                    scored_at=when,
                    opinion="特色鲜明，与业务结合紧密。" if quality[b.pk] > 0.8 else "载体有待丰富。",
                )
            )
    Score.objects.bulk_create(scores, batch_size=2000)
    means: dict[int, Decimal] = {}
    for s in scores:
        means[s.brand_id] = means.get(s.brand_id, Decimal(0)) + s.total
    best = sorted(first_brands, key=lambda b: (-means[b.pk], b.org.path))[: volume.recognized]
    winners = {b.pk for b in best}
    for n, b in enumerate(sorted(best, key=lambda b: b.org.path), start=1):
        b.certificate_no = f"品牌认定〔{first.year}〕{first.pk:02d}-{n:03d}号"
    for b in first_brands:
        if b.pk in winners:
            b.status, b.selected_at, b.recognized_at = BrandStatus.RECOGNIZED, first.noticed_at, first.recognized_at
        else:
            b.status, b.not_selected_at = BrandStatus.NOT_SELECTED, first.noticed_at
    for b in pilot_brands + first_brands:
        batch = pilot if b.batch_id == pilot.pk else first
        assert batch.noticed_at is not None and batch.recognized_at is not None
        if b.recognized_at:
            events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.SELECTED,
                    at=batch.noticed_at,
                    actor=staff,
                    from_status="submitted",
                    to_status="selected",
                )
            )
            events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.RECOGNIZED,
                    at=batch.recognized_at,
                    actor=staff,
                    from_status="selected",
                    to_status="recognized",
                )
            )
        else:
            events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.NOT_SELECTED,
                    at=batch.noticed_at,
                    actor=staff,
                    from_status="submitted",
                    to_status="not_selected",
                )
            )

    # This year's re-evaluation of the pilot brands (有进有出).
    listed_pilot = [b for b in pilot_brands if b.recognized_at]
    rng.shuffle(listed_pilot)
    reevals: list[Reevaluation] = []
    proposed_day = on(0.6)
    notice_end = after_working_days(proposed_day, 5)
    effective_day = min(today, max(on(0.75), notice_end + dt.timedelta(days=1)))
    plan_outcomes = ["downgrade", "downgrade", "revoke", "pending"] + ["keep"] * max(0, len(listed_pilot) - 4)
    for b, outcome in zip(listed_pilot, plan_outcomes, strict=False):
        if outcome == "keep":
            when = at(on(0.6))
            reevals.append(
                Reevaluation(
                    brand=b,
                    year=year,
                    outcome=Outcome.KEEP,
                    status=ReevalStatus.EFFECTIVE,
                    reasons="品牌活动持续开展，成效明显，保留认定。",
                    proposed_at=when,
                    effective_at=when,
                    decided_by=staff,
                )
            )
            events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.KEPT,
                    at=when,
                    actor=staff,
                    from_status="recognized",
                    to_status="recognized",
                    comment="品牌活动持续开展，成效明显，保留认定。",
                )
            )
            continue
        if outcome == "pending":
            day = today - dt.timedelta(days=1)
            reason = "品牌载体单一，近半年活动记录不全。"
            reevals.append(
                Reevaluation(
                    brand=b,
                    year=year,
                    outcome=Outcome.DOWNGRADE,
                    status=ReevalStatus.NOTICE,
                    reasons=reason,
                    proposed_at=at(day),
                    decided_by=staff,
                    notice_ends_on=after_working_days(day, 5),
                    probation_until=today + dt.timedelta(days=180),
                )
            )
            events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.PROPOSED,
                    at=at(day),
                    actor=staff,
                    from_status="recognized",
                    to_status="recognized",
                    comment=reason,
                )
            )
            continue
        revoke = outcome == "revoke"
        reason = "品牌活动停止开展一年以上，经公示撤销认定。" if revoke else "品牌成效不明显，群众评价下降，降级整改。"
        proposed, effective = at(proposed_day), at(effective_day, 16)
        probation = None if revoke else effective_day + dt.timedelta(days=180)
        reevals.append(
            Reevaluation(
                brand=b,
                year=year,
                outcome=Outcome.REVOKE if revoke else Outcome.DOWNGRADE,
                status=ReevalStatus.EFFECTIVE,
                reasons=reason,
                proposed_at=proposed,
                notice_ends_on=notice_end,
                effective_at=effective,
                probation_until=probation,
                decided_by=staff,
            )
        )
        events.append(
            BrandEvent(
                brand=b,
                action=BrandEvent.Action.PROPOSED,
                at=proposed,
                actor=staff,
                from_status="recognized",
                to_status="recognized",
                comment=reason,
            )
        )
        if revoke:
            b.status, b.revoked_at = BrandStatus.REVOKED, effective
            events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.REVOKED,
                    at=effective,
                    actor=staff,
                    from_status="recognized",
                    to_status="revoked",
                    comment=reason,
                )
            )
        else:
            b.status, b.downgraded_at, b.probation_until = BrandStatus.DOWNGRADED, effective, probation
            events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.DOWNGRADED,
                    at=effective,
                    actor=staff,
                    from_status="recognized",
                    to_status="downgraded",
                    comment=reason,
                )
            )
    Reevaluation.objects.bulk_create(reevals)
    Brand.objects.bulk_update(
        pilot_brands + first_brands,
        [
            "status",
            "selected_at",
            "recognized_at",
            "not_selected_at",
            "certificate_no",
            "downgraded_at",
            "probation_until",
            "revoked_at",
        ],
        batch_size=500,
    )

    # Training and exchange: seven demonstration organizations present their brands.
    shown = [b for b in first_brands if b.pk in winners][:4] + [b for b in pilot_brands if b.status == "recognized"][:3]
    training = ExchangeEvent.objects.create(
        committee=ctx.root,
        kind=ExchangeKind.TRAINING,
        title="机关党建品牌创建专题培训班",
        held_on=on(0.2),
        place="市委党校",
        attendees=180,
        counts_in_training=True,
        created_by=staff,
        note="邀请党校教授讲解品牌创建的方法，面向各机关党委专职副书记和支部书记。",
    )
    exchange = ExchangeEvent.objects.create(
        committee=ctx.root,
        kind=ExchangeKind.EXCHANGE,
        title="党建品牌创建经验交流会",
        held_on=on(0.9),
        place="市直机关工委会议室",
        attendees=120,
        created_by=staff,
        note="七个示范党组织交流品牌创建经验。",
    )
    del training
    Presentation.objects.bulk_create(
        [Presentation(event=exchange, brand=b, topic=f"以“{b.name}”推动党建与业务深度融合") for b in shown]
    )
    for b in shown:
        events.append(
            BrandEvent(
                brand=b,
                action=BrandEvent.Action.PRESENTED,
                at=at(exchange.held_on),
                actor=staff,
                from_status=b.status,
                to_status=b.status,
                data={"exchange": exchange.pk},
            )
        )
    BrandEvent.objects.bulk_create(events, batch_size=2000)

    submitted_this_year = sum(1 for b in brands if b.first_submitted_at and b.first_submitted_at.year == year)
    for key, value in (("党建品牌申报", submitted_this_year), ("党建品牌认定", len(winners))):
        ctx.counts[key] = ctx.counts.get(key, 0) + value
