"""The plan “一支部一品牌” with its three stages, its three batches and their reviewers."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password

from dangjian.accounts.models import Role, RoleAssignment, User
from dangjian.core.seeding import SeedContext

from ..conf import DEFAULT_RUBRIC
from ..models import Batch, BatchStatus, Plan, Reviewer, Stage, StageKind
from ..services.common import after_working_days
from .base import Batches, Seed


def seed_plan(s: Seed) -> Batches:
    plan = Plan.objects.create(
        committee=s.ctx.root,
        name="“一支部一品牌”三年行动计划",
        starts_on=dt.date(s.year - 1, 1, 1),
        ends_on=dt.date(s.year + 1, 12, 31),
        description="围绕“一支部一品牌”目标，用三年时间培育、认定、深化一批特色鲜明、成效明显的机关党建品牌，实行动态管理、有进有出。",
        created_at=s.at(dt.date(s.year - 1, 1, 10)),
    )
    cultivate = Stage.objects.create(
        plan=plan,
        kind=StageKind.CULTIVATE,
        name="培育阶段",
        starts_on=dt.date(s.year - 1, 1, 1),
        ends_on=dt.date(s.year - 1, 12, 31),
    )
    recognize = Stage.objects.create(
        plan=plan,
        kind=StageKind.RECOGNIZE,
        name="认定阶段",
        starts_on=dt.date(s.year, 1, 1),
        ends_on=dt.date(s.year, 12, 31),
    )
    Stage.objects.create(
        plan=plan,
        kind=StageKind.DEEPEN,
        name="深化阶段",
        starts_on=dt.date(s.year + 1, 1, 1),
        ends_on=dt.date(s.year + 1, 12, 31),
    )
    rubric = [[k, t, m] for k, t, m in DEFAULT_RUBRIC]
    reviewers = _reviewers(s.ctx, s.volume.reviewers)

    pilot_notice = dt.date(s.year - 1, 6, 1)
    pilot = Batch.objects.create(
        stage=cultivate,
        name="试点批次",
        year=s.year - 1,
        submit_by=dt.date(s.year - 1, 4, 30),
        status=BatchStatus.RECOGNIZED,
        rubric=rubric,
        created_at=s.at(dt.date(s.year - 1, 2, 1)),
        reviewing_at=s.at(dt.date(s.year - 1, 5, 6)),
        noticed_at=s.at(pilot_notice),
        notice_ends_on=after_working_days(pilot_notice, 5),
        recognized_at=s.at(dt.date(s.year - 1, 6, 20)),
        notice_text="公示期间如有异议，请向市直机关工委组织部反映。",
    )
    notice_day = s.on(0.7)
    first = Batch.objects.create(
        stage=recognize,
        name="第一批",
        year=s.year,
        submit_by=s.on(0.4),
        status=BatchStatus.RECOGNIZED,
        rubric=rubric,
        created_at=s.at(s.year_start),
        reviewing_at=s.at(s.on(0.5)),
        noticed_at=s.at(notice_day),
        notice_ends_on=after_working_days(notice_day, 5),
        recognized_at=s.at(s.on(0.85), 15),
        notice_text="公示期间如有异议，请向市直机关工委组织部反映。",
    )
    second = Batch.objects.create(
        stage=recognize,
        name="第二批",
        year=s.year,
        submit_by=s.today + dt.timedelta(days=60),
        rubric=rubric,
        created_at=s.at(s.today - dt.timedelta(days=min(20, s.span))),
    )
    batch_reviewers = {
        b.pk: Reviewer.objects.bulk_create(
            [Reviewer(batch=b, user=u, title="工委组织部" if i == 0 else "党建专家") for i, u in enumerate(reviewers)]
        )
        for b in (pilot, first)
    }
    Reviewer.objects.bulk_create([Reviewer(batch=second, user=reviewers[0], title="工委组织部")])

    return Batches(pilot=pilot, first=first, second=second, reviewers=batch_reviewers, staff=reviewers[0])


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
