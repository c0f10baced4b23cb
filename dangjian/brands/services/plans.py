"""Plans, their stages and batches, and a batch's reviewers: committee staff's set-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dangjian.accounts.models import Role, User
from dangjian.core import scoping, tree
from dangjian.orgs.models import Organization, OrgKind

from ..conf import BrandsSettings
from ..errors import BadBatch, BadPlan, BadReviewer, BadStage, BrandRefusal, ReviewerExists, WrongBatchState
from ..models import Batch, BatchStatus, Plan, Reviewer, Stage, StageKind
from .common import actor, raise_all, require_staff


def _dates(starts_on: dt.date | None, ends_on: dt.date | None, error: type[BrandRefusal]) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if starts_on is None:
        problems.append(error("请填写开始日期。", field="starts_on"))
    if ends_on is None:
        problems.append(error("请填写结束日期。", field="ends_on"))
    if starts_on and ends_on and ends_on < starts_on:
        problems.append(error("结束日期不能早于开始日期。", field="ends_on"))
    return problems


@transaction.atomic
def plan_create(
    *,
    committee: Organization,
    name: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    description: str = "",
    by: Any = None,
) -> Plan:
    require_staff(by, committee)
    problems = _dates(starts_on, ends_on, BadPlan)
    name = (name or "").strip()
    if not name:
        problems.append(BadPlan("请填写规划名称。", field="name"))
    elif len(name) > 100:
        problems.append(BadPlan("规划名称最多 100 个字。", field="name"))
    if committee.kind != OrgKind.COMMITTEE:
        problems.append(BadPlan("创建规划由工委制定。"))
    raise_all(problems)
    assert starts_on and ends_on
    return Plan.objects.create(
        committee=committee,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        description=(description or "").strip(),
        created_by=actor(by),
    )


@transaction.atomic
def stage_add(
    *, plan: Plan, kind: str, name: str, starts_on: dt.date | None, ends_on: dt.date | None, by: Any = None
) -> Stage:
    require_staff(by, plan.committee)
    problems = _dates(starts_on, ends_on, BadStage)
    if kind not in StageKind.values:
        problems.append(BadStage("请选择阶段类别。", field="kind"))
    name = (name or "").strip() or (str(StageKind(kind).label) + "阶段" if kind in StageKind.values else "")
    if len(name) > 60:
        problems.append(BadStage("阶段名称最多 60 个字。", field="name"))
    if starts_on and ends_on and (starts_on < plan.starts_on or ends_on > plan.ends_on):
        problems.append(
            BadStage(f"阶段须在规划期内（{plan.starts_on:%Y-%m-%d} 至 {plan.ends_on:%Y-%m-%d}）。", field="starts_on")
        )
    raise_all(problems)
    assert starts_on and ends_on
    return Stage.objects.create(plan=plan, kind=kind, name=name, starts_on=starts_on, ends_on=ends_on)


@transaction.atomic
def batch_create(*, stage: Stage, name: str, year: int | None, submit_by: dt.date | None, by: Any = None) -> Batch:
    require_staff(by, stage.plan.committee)
    problems: list[ValidationError] = []
    name = (name or "").strip()
    if not name:
        problems.append(BadBatch("请填写批次名称。", field="name"))
    elif len(name) > 60:
        problems.append(BadBatch("批次名称最多 60 个字。", field="name"))
    if year is None or not (stage.plan.starts_on.year <= year <= stage.plan.ends_on.year):
        problems.append(BadBatch("年度须在规划期内。", field="year"))
    if submit_by is None:
        problems.append(BadBatch("请填写申报截止日期。", field="submit_by"))
    raise_all(problems)
    assert year is not None and submit_by is not None
    rubric = [[k, t, m] for k, t, m in BrandsSettings.current().rubric]
    return Batch.objects.create(stage=stage, name=name, year=year, submit_by=submit_by, rubric=rubric)


def reviewer_candidates(batch: Batch) -> Any:
    """Accounts that may review BATCH: committee staff over its committee."""
    committee = batch.stage.plan.committee
    # A role reaches its organization's subtree: staff at the committee or above it (one query).
    return list(
        User.objects.filter(
            roles__role=Role.COMMITTEE_STAFF, roles__org__path__in=tree.ancestor_paths(committee.path), is_active=True
        )
        .distinct()
        .order_by("username")
    )


@transaction.atomic
def reviewer_add(*, batch: Batch, user: User, title: str = "", by: Any = None) -> Reviewer:
    require_staff(by, batch.committee_id)
    if batch.status == BatchStatus.RECOGNIZED:
        raise WrongBatchState(state=batch.get_status_display(), action="增加评审专家")
    if not scoping.holds_over(user, batch.stage.plan.committee, roles=(Role.COMMITTEE_STAFF,)):
        raise BadReviewer(field="user")
    if batch.reviewers.filter(user=user).exists():
        raise ReviewerExists(field="user")
    return Reviewer.objects.create(batch=batch, user=user, title=(title or "").strip()[:60])
