"""Writing a scheme: create (from the starter or by copying last year's), edit while a draft,
publish (frozen from then on) and revise (the next version, a draft copy; the old one is kept).

Every function is one transaction; a refusal raises before anything is written.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dangjian.core import registry
from dangjian.orgs.models import Organization

from ..conf import EVALUATION_METRIC, STARTER, AssessmentSettings
from ..errors import (
    BadIndicator,
    BadScheme,
    NothingToCopy,
    NotLatestVersion,
    SchemeExists,
    UnknownMetric,
    WeightsNot100,
)
from ..models import Category, Component, Grade, Indicator, Rule, Scheme, SchemeStatus, Source
from .common import actor, raise_all, require_draft, require_staff

HUNDRED = Decimal(100)


def _new_key() -> str:
    return uuid.uuid4().hex[:12]


def latest_version(committee: Organization, year: int) -> Scheme | None:
    return Scheme.objects.filter(committee=committee, year=year).order_by("-version").first()


def _check_year(committee: Organization, year: int) -> None:
    if not 2000 <= year <= 2100:
        raise BadScheme("年度有误。", field="year")
    if Scheme.objects.filter(committee=committee, year=year).exists():
        raise SchemeExists(field="year", year=year)


@transaction.atomic
def scheme_create(
    *, committee: Organization, year: int, title: str = "", starter: bool = True, by: Any = None
) -> Scheme:
    """A draft scheme for YEAR with the default settings and (STARTER) the starter categories and indicators."""
    require_staff(by, committee)
    _check_year(committee, year)
    conf = AssessmentSettings.current()
    scheme = Scheme.objects.create(
        committee=committee,
        year=year,
        title=(title or "").strip()[:100] or f"{year}年度党建工作考核方案",
        closing_on=dt.date(year, 12, 31),
        weight_performance=conf.weight_performance,
        weight_party=conf.weight_party,
        weight_evaluation=conf.weight_evaluation,
        excellent_from=conf.excellent_from,
        good_from=conf.good_from,
        fair_from=conf.fair_from,
        notice_working_days=conf.notice_working_days,
        created_by=actor(by),
    )
    known = {m.key for m in registry.metrics()} | {EVALUATION_METRIC}
    for c_pos, (component, name, indicators) in enumerate(STARTER if starter else (), start=1):
        category = Category.objects.create(scheme=scheme, component=component, name=name, position=c_pos)
        for i_pos, (i_name, weight, most, source, rule, key, number, per_member) in enumerate(indicators, start=1):
            if key and key not in known:
                source, rule, key, number, per_member = Source.SELF, Rule.MANUAL, "", None, False
            Indicator.objects.create(
                category=category, key=_new_key(), name=i_name, position=i_pos, weight=Decimal(str(weight)),
                max_points=Decimal(str(most)), source=source, rule=rule, metric_key=key, per_member=per_member,
                target=Decimal(str(number)) if rule == Rule.TARGET and number else None,
                per_unit=Decimal(str(number)) if rule == Rule.PER_UNIT and number else None,
            )  # fmt: skip
    return scheme


def _copy_into(source: Scheme, target: Scheme) -> None:
    for category in source.categories.prefetch_related("indicators"):
        indicators = list(category.indicators.all())
        category.pk = None
        category.scheme = target
        category.save()
        for indicator in indicators:
            indicator.pk = None
            indicator.category = category
            indicator.save()
    target.assessors.set(source.assessors.all())


def _copy_fields(source: Scheme) -> dict[str, Any]:
    names = (
        "title", "weight_performance", "weight_party", "weight_evaluation", "excellent_from", "good_from",
        "fair_from", "room_gate_cap", "election_gate_cap", "notice_working_days",
    )  # fmt: skip
    return {n: getattr(source, n) for n in names}


@transaction.atomic
def scheme_copy(*, committee: Organization, year: int, from_year: int | None = None, by: Any = None) -> Scheme:
    """A draft for YEAR copied from the latest version of FROM_YEAR's scheme (last year's by default).

    Indicator keys are kept, so the same indicator is recognized from year to year.
    """
    require_staff(by, committee)
    from_year = from_year or year - 1
    source = latest_version(committee, from_year)
    if source is None:
        raise NothingToCopy(year=from_year)
    _check_year(committee, year)
    fields = _copy_fields(source)
    fields["title"] = fields["title"].replace(str(from_year), str(year))
    scheme = Scheme.objects.create(
        committee=committee, year=year, closing_on=dt.date(year, 12, 31), copied_from=source,
        created_by=actor(by), **fields,
    )  # fmt: skip
    _copy_into(source, scheme)
    return scheme


@transaction.atomic
def scheme_revise(*, scheme: Scheme, by: Any = None) -> Scheme:
    """The next version of a published SCHEME: a draft copy to edit and publish; SCHEME stays as it was."""
    require_staff(by, scheme.committee)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    top = Scheme.objects.filter(committee=scheme.committee, year=scheme.year).aggregate(v=Max("version"))["v"]
    if top != scheme.version:
        raise NotLatestVersion()
    if not scheme.is_published:
        raise BadScheme("草稿可以直接修改，无需发布新版本。")
    new = Scheme.objects.create(
        committee=scheme.committee, year=scheme.year, version=scheme.version + 1, closing_on=scheme.closing_on,
        copied_from=scheme, created_by=actor(by), **_copy_fields(scheme),
    )  # fmt: skip
    _copy_into(scheme, new)
    return new


@dataclass(frozen=True)
class SchemeIn:
    title: str
    closing_on: dt.date | None
    weight_performance: int
    weight_party: int
    weight_evaluation: int
    excellent_from: Decimal
    good_from: Decimal
    fair_from: Decimal
    room_gate_cap: str
    election_gate_cap: str
    notice_working_days: int
    assessors: Sequence[Any] = ()


def _check_scheme_in(scheme: Scheme, data: SchemeIn) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if not data.title.strip():
        problems.append(BadScheme("请填写方案名称。", field="title"))
    if data.closing_on is None or data.closing_on.year not in (scheme.year, scheme.year + 1):
        problems.append(BadScheme("考核截止日期应在本年度或次年。", field="closing_on"))
    weights = (data.weight_performance, data.weight_party, data.weight_evaluation)
    if any(w < 0 or w > 100 for w in weights):
        problems.append(BadScheme("权重应在 0 至 100 之间。", field="weight_performance"))
    elif sum(weights) != 100:
        problems.append(WeightsNot100(field="weight_performance", what="三项考核", total=sum(weights)))
    lines = (data.excellent_from, data.good_from, data.fair_from)
    if any(x < 0 or x > 100 for x in lines) or not (lines[0] > lines[1] > lines[2]):
        problems.append(BadScheme("分数线应在 0 至 100 之间，且优秀 > 良好 > 一般。", field="excellent_from"))
    for name in ("room_gate_cap", "election_gate_cap"):
        if getattr(data, name) not in ("", *Grade.values):
            problems.append(BadScheme("等次限制有误。", field=name))
    if not 0 <= data.notice_working_days <= 30:
        problems.append(BadScheme("公示期应为 0 至 30 个工作日。", field="notice_working_days"))
    not_staff = [u for u in data.assessors if not _is_staff_of(u, scheme.committee)]
    if not_staff:
        problems.append(BadScheme("评分人员须为工委工作人员。", field="assessors"))
    return problems


def _is_staff_of(user: Any, committee: Organization) -> bool:
    from .. import permissions

    return permissions.manages(user, committee)


@transaction.atomic
def scheme_update(*, scheme: Scheme, data: SchemeIn, by: Any = None) -> Scheme:
    require_staff(by, scheme.committee)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    require_draft(scheme)
    raise_all(_check_scheme_in(scheme, data))
    for name in (
        "closing_on", "weight_performance", "weight_party", "weight_evaluation", "excellent_from", "good_from",
        "fair_from", "room_gate_cap", "election_gate_cap", "notice_working_days",
    ):  # fmt: skip
        setattr(scheme, name, getattr(data, name))
    scheme.title = data.title.strip()[:100]
    scheme.save()
    scheme.assessors.set(list(data.assessors))
    return scheme


# ---------------------------------------------------------------- categories and indicators


@transaction.atomic
def category_add(*, scheme: Scheme, component: str, name: str, by: Any = None) -> Category:
    require_staff(by, scheme.committee)
    require_draft(scheme)
    if component not in Component.values:
        raise BadScheme("请选择考核类别。", field="component")
    if not name.strip() or len(name.strip()) > 60:
        raise BadScheme("请填写类目名称（最多 60 个字）。", field="name")
    position = (scheme.categories.aggregate(p=Max("position"))["p"] or 0) + 1
    return Category.objects.create(scheme=scheme, component=component, name=name.strip(), position=position)


@dataclass(frozen=True)
class IndicatorIn:
    name: str
    weight: Decimal | None
    max_points: Decimal | None
    source: str
    rule: str
    metric_key: str = ""
    target: Decimal | None = None
    per_unit: Decimal | None = None
    per_member: bool = False
    description: str = ""


def _check_indicator(data: IndicatorIn) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if not data.name.strip() or len(data.name.strip()) > 100:
        problems.append(BadIndicator("请填写指标名称（最多 100 个字）。", field="name"))
    if data.weight is None or not Decimal(0) < data.weight <= HUNDRED:
        problems.append(BadIndicator("权重应大于 0、不超过 100（%）。", field="weight"))
    if data.max_points is None or not Decimal(0) < data.max_points <= Decimal(1000):
        problems.append(BadIndicator("满分应大于 0、不超过 1000。", field="max_points"))
    if data.source not in Source.values:
        problems.append(BadIndicator("请选择数据来源。", field="source"))
        return problems
    if data.source in (Source.SELF, Source.COMMITTEE):
        if data.rule != Rule.MANUAL:
            problems.append(BadIndicator("自评和工委评分的指标按评分计分。", field="rule"))
        return problems
    if data.source == Source.EVALUATION:
        if data.rule != Rule.RATE:
            problems.append(BadIndicator("述职评议结果按“满分 × 比率”计分（评议得分 0–100）。", field="rule"))
        return problems
    known = {m.key for m in registry.metrics()}
    if data.metric_key not in known:
        problems.append(UnknownMetric(field="metric_key", key=data.metric_key or "（未选择）"))
    if data.rule == Rule.TARGET and (data.target is None or data.target <= 0):
        problems.append(BadIndicator("请填写大于 0 的目标值。", field="target"))
    elif data.rule == Rule.PER_UNIT and (data.per_unit is None or data.per_unit <= 0):
        problems.append(BadIndicator("请填写大于 0 的每项得分。", field="per_unit"))
    elif data.rule not in (Rule.TARGET, Rule.RATE, Rule.PER_UNIT):
        problems.append(BadIndicator("自动取数的指标按目标值、比率或每项计分。", field="rule"))
    return problems


def _apply(indicator: Indicator, data: IndicatorIn) -> None:
    indicator.name = data.name.strip()
    indicator.description = data.description.strip()[:300]
    indicator.weight = data.weight  # type: ignore[assignment]
    indicator.max_points = data.max_points  # type: ignore[assignment]
    indicator.source = data.source
    indicator.rule = data.rule
    automatic = data.source in (Source.AUTO, Source.EVALUATION)
    indicator.metric_key = EVALUATION_METRIC if data.source == Source.EVALUATION else (
        data.metric_key if automatic else ""
    )  # fmt: skip
    indicator.per_member = data.per_member and data.source == Source.AUTO
    indicator.target = data.target if data.source == Source.AUTO and data.rule == Rule.TARGET else None
    indicator.per_unit = data.per_unit if data.source == Source.AUTO and data.rule == Rule.PER_UNIT else None


@transaction.atomic
def indicator_add(*, category: Category, data: IndicatorIn, by: Any = None) -> Indicator:
    scheme = category.scheme
    require_staff(by, scheme.committee)
    require_draft(scheme)
    raise_all(_check_indicator(data))
    position = (category.indicators.aggregate(p=Max("position"))["p"] or 0) + 1
    indicator = Indicator(category=category, key=_new_key(), position=position)
    _apply(indicator, data)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, data: IndicatorIn, by: Any = None) -> Indicator:
    scheme = indicator.category.scheme
    require_staff(by, scheme.committee)
    require_draft(Scheme.objects.select_for_update().get(pk=scheme.pk))
    raise_all(_check_indicator(data))
    _apply(indicator, data)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_remove(*, indicator: Indicator, by: Any = None) -> None:
    scheme = indicator.category.scheme
    require_staff(by, scheme.committee)
    require_draft(Scheme.objects.select_for_update().get(pk=scheme.pk))
    indicator.delete()


@transaction.atomic
def category_remove(*, category: Category, by: Any = None) -> int:
    """Remove CATEGORY of a draft scheme with its indicators (how many went with it); a published
    scheme is frozen (its next version is the place to drop a category)."""
    scheme = category.scheme
    require_staff(by, scheme.committee)
    require_draft(Scheme.objects.select_for_update().get(pk=scheme.pk))
    category = Category.objects.get(pk=category.pk)
    count = category.indicators.count()
    category.delete()  # its indicators go with it (CASCADE), each on the audit trail
    return count


# ---------------------------------------------------------------- publishing


def publish_problems(scheme: Scheme) -> list[ValidationError]:
    """What keeps SCHEME from being published (empty when it may be)."""
    problems: list[ValidationError] = []
    weights = scheme.component_weights()
    total = sum(weights.values())
    if total != 100:
        problems.append(WeightsNot100(what="三项考核", total=total))
    indicators = list(Indicator.objects.filter(category__scheme=scheme).select_related("category"))
    for component, weight in weights.items():
        mine = [i for i in indicators if i.category.component == component]
        label = Component(component).label
        if weight and not mine:
            problems.append(BadScheme(f"“{label}”权重为 {weight}%，但没有考核指标。"))
        elif mine:
            subtotal = sum((i.weight for i in mine), Decimal(0))
            if subtotal != HUNDRED:
                problems.append(WeightsNot100(what=f"“{label}”各指标", total=f"{subtotal.normalize():f}"))
    if any(i.source == Source.COMMITTEE for i in indicators) and not scheme.assessors.exists():
        problems.append(BadScheme("方案含工委评分指标，请先指定评分人员。"))
    return problems


@transaction.atomic
def scheme_publish(*, scheme: Scheme, by: Any = None, now: dt.datetime | None = None) -> Scheme:
    """Publish SCHEME: from now on it is frozen (a change is a new version)."""
    require_staff(by, scheme.committee)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    require_draft(scheme)
    raise_all(publish_problems(scheme))
    scheme.status = SchemeStatus.PUBLISHED
    scheme.published_at = now or timezone.now()
    scheme.save(update_fields=["status", "published_at"])
    return scheme
