"""Life after recognition: the yearly re-evaluation (有进有出) and brand training and exchange events.

A listed brand (已认定 or 降级整改) is re-evaluated once a year:

- keep (保留): takes effect at once; a downgraded brand kept is restored (恢复认定);
- downgrade (降级整改, with a probation period) or revoke (撤销认定): published
  on notice for N working days, then confirmed (`reevaluation_confirm`, refused
  before the notice ends) or withdrawn.

Every change is a BrandEvent on the brand's page, with its reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.orgs.models import Organization

from .. import permissions
from ..conf import BrandsSettings
from ..errors import (
    AlreadyReevaluated,
    BadExchange,
    BadReevaluation,
    NoticeNotOver,
    PendingReevaluation,
    ReasonRequired,
    StaffOnly,
    WrongBrandState,
)
from ..models import (
    LISTED,
    Brand,
    BrandEvent,
    BrandStatus,
    ExchangeEvent,
    ExchangeKind,
    Outcome,
    Presentation,
    ReevalStatus,
    Reevaluation,
)
from .common import actor, after_working_days, event, raise_all, require_staff


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _locked(brand: Brand) -> Brand:
    return Brand.objects.select_for_update(of=("self",)).select_related("org", "batch").get(pk=brand.pk)


def _apply(brand: Brand, reeval: Reevaluation, by: Any, now: dt.datetime) -> None:
    before = brand.status
    if reeval.outcome == Outcome.KEEP:
        if brand.status == BrandStatus.DOWNGRADED:
            brand.status, brand.restored_at, brand.probation_until = BrandStatus.RECOGNIZED, now, None
            brand.save(update_fields=["status", "restored_at", "probation_until"])
            event(
                brand, BrandEvent.Action.RESTORED, by, before=before, comment=reeval.reasons, at=now, year=reeval.year
            )
        else:
            event(brand, BrandEvent.Action.KEPT, by, before=before, comment=reeval.reasons, at=now, year=reeval.year)
    elif reeval.outcome == Outcome.DOWNGRADE:
        brand.status, brand.downgraded_at, brand.probation_until = BrandStatus.DOWNGRADED, now, reeval.probation_until
        brand.save(update_fields=["status", "downgraded_at", "probation_until"])
        event(
            brand,
            BrandEvent.Action.DOWNGRADED,
            by,
            before=before,
            comment=reeval.reasons,
            at=now,
            year=reeval.year,
            probation_until=str(reeval.probation_until),
        )
    else:
        brand.status, brand.revoked_at = BrandStatus.REVOKED, now
        brand.save(update_fields=["status", "revoked_at"])
        event(brand, BrandEvent.Action.REVOKED, by, before=before, comment=reeval.reasons, at=now, year=reeval.year)
    reeval.status, reeval.effective_at = ReevalStatus.EFFECTIVE, now
    reeval.save(update_fields=["status", "effective_at"])


@transaction.atomic
def reevaluation_decide(
    *,
    brand: Brand,
    year: int | None,
    outcome: str,
    reasons: str,
    probation_until: dt.date | None = None,
    by: Any = None,
    today: dt.date | None = None,
) -> Reevaluation:
    """The year's re-evaluation of BRAND: keep at once; downgrade or revoke on public notice first."""
    today = today or timezone.localdate()
    brand = _locked(brand)
    if by is not None and not permissions.can_decide(by, brand):
        raise StaffOnly()
    if brand.status not in LISTED:
        raise WrongBrandState(state=brand.get_status_display(), action="复评")
    if brand.reevaluations.filter(status=ReevalStatus.NOTICE).exists():
        raise PendingReevaluation()
    problems: list[ValidationError] = []
    if outcome not in Outcome.values:
        problems.append(BadReevaluation("请选择复评结论。", field="outcome"))
    if year is None or not (2000 <= year <= today.year):
        problems.append(BadReevaluation("复评年度有误。", field="year"))
    elif brand.recognized_at and year < timezone.localtime(brand.recognized_at).year:
        problems.append(BadReevaluation("复评年度不能早于认定年度。", field="year"))
    elif brand.reevaluations.filter(year=year, status=ReevalStatus.EFFECTIVE).exists():
        problems.append(AlreadyReevaluated(field="year", year=year))
    reasons = (reasons or "").strip()
    if len(reasons) < 4:
        problems.append(ReasonRequired(field="reasons"))
    elif len(reasons) > 2000:
        problems.append(BadReevaluation("理由最多 2000 个字。", field="reasons"))
    if outcome == Outcome.DOWNGRADE:
        if brand.status == BrandStatus.DOWNGRADED:
            problems.append(BadReevaluation("该品牌已在降级整改中：整改不到位的，请选择撤销认定。", field="outcome"))
        if probation_until is None:
            probation_until = _add_months(today, BrandsSettings.current().probation_months)
        elif probation_until <= today:
            problems.append(BadReevaluation("整改期限应晚于今天。", field="probation_until"))
    else:
        probation_until = None
    raise_all(problems)
    assert year is not None
    now = timezone.now()
    noticed = outcome != Outcome.KEEP
    reeval = Reevaluation.objects.create(
        brand=brand,
        year=year,
        outcome=outcome,
        reasons=reasons,
        probation_until=probation_until,
        status=ReevalStatus.NOTICE if noticed else ReevalStatus.EFFECTIVE,
        proposed_at=now,
        decided_by=actor(by),
        notice_ends_on=after_working_days(today, BrandsSettings.current().notice_working_days) if noticed else None,
    )
    if noticed:
        event(
            brand,
            BrandEvent.Action.PROPOSED,
            by,
            before=brand.status,
            comment=reasons,
            at=now,
            year=year,
            outcome=outcome,
            notice_ends_on=str(reeval.notice_ends_on),
        )
    else:
        _apply(brand, reeval, by, now)
    return reeval


@transaction.atomic
def reevaluation_confirm(*, reevaluation: Reevaluation, by: Any = None, today: dt.date | None = None) -> Reevaluation:
    """After its notice, a downgrade or a revocation takes effect."""
    today = today or timezone.localdate()
    reeval = Reevaluation.objects.select_for_update(of=("self",)).get(pk=reevaluation.pk)
    brand = _locked(reeval.brand)
    if by is not None and not permissions.can_decide(by, brand):
        raise StaffOnly()
    if reeval.status != ReevalStatus.NOTICE:
        raise BadReevaluation("该复评结论不在公示中。")
    assert reeval.notice_ends_on is not None
    if today <= reeval.notice_ends_on:
        raise NoticeNotOver(ends=f"{reeval.notice_ends_on:%Y-%m-%d}", action="生效")
    if brand.status not in LISTED:
        raise WrongBrandState(state=brand.get_status_display(), action="复评")
    _apply(brand, reeval, by, timezone.now())
    return reeval


@transaction.atomic
def reevaluation_withdraw(*, reevaluation: Reevaluation, reason: str, by: Any = None) -> Reevaluation:
    """A proposed downgrade or revocation taken back during its notice (objections upheld)."""
    reeval = Reevaluation.objects.select_for_update(of=("self",)).get(pk=reevaluation.pk)
    brand = reeval.brand
    if by is not None and not permissions.can_decide(by, brand):
        raise StaffOnly()
    if reeval.status != ReevalStatus.NOTICE:
        raise BadReevaluation("该复评结论不在公示中。")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ReasonRequired(field="reason")
    reeval.status, reeval.withdrawn_at = ReevalStatus.WITHDRAWN, timezone.now()
    reeval.save(update_fields=["status", "withdrawn_at"])
    event(
        brand,
        BrandEvent.Action.WITHDRAWN,
        by,
        before=brand.status,
        comment=reason,
        year=reeval.year,
        outcome=reeval.outcome,
    )
    return reeval


@transaction.atomic
def exchange_record(
    *,
    committee: Organization,
    kind: str,
    title: str,
    held_on: dt.date | None,
    place: str,
    attendees: int | None,
    presenters: Sequence[tuple[Brand, str]] = (),
    counts_in_training: bool = False,
    note: str = "",
    by: Any = None,
) -> ExchangeEvent:
    """A brand training or exchange event, with the organizations that presented their brand."""
    require_staff(by, committee)
    problems: list[ValidationError] = []
    if kind not in ExchangeKind.values:
        problems.append(BadExchange("请选择活动类别。", field="kind"))
    title = (title or "").strip()
    if not title or len(title) > 100:
        problems.append(BadExchange("请填写活动名称（最多 100 个字）。", field="title"))
    if held_on is None:
        problems.append(BadExchange("请填写举办日期。", field="held_on"))
    place = (place or "").strip()
    if not place or len(place) > 100:
        problems.append(BadExchange("请填写地点（最多 100 个字）。", field="place"))
    if attendees is None or attendees < 0 or attendees > 100_000:
        problems.append(BadExchange("参加人次应为 0 到 100000 之间的整数。", field="attendees"))
    seen: set[int] = set()
    for brand, _topic in presenters:
        if brand.pk in seen:
            problems.append(BadExchange(f"“{brand.name}”重复选择。", field="presenters"))
        seen.add(brand.pk)
        if brand.status not in LISTED or permissions.committee_of(brand.org).pk != committee.pk:
            problems.append(BadExchange(f"“{brand.name}”不是本工委已认定的品牌。", field="presenters"))
    raise_all(problems)
    assert held_on is not None and attendees is not None
    item = ExchangeEvent.objects.create(
        committee=committee,
        kind=kind,
        title=title,
        held_on=held_on,
        place=place,
        attendees=attendees,
        counts_in_training=counts_in_training,
        note=(note or "").strip(),
        created_by=actor(by),
    )
    for brand, topic in presenters:
        Presentation.objects.create(event=item, brand=brand, topic=(topic or "").strip()[:100])
        event(brand, BrandEvent.Action.PRESENTED, by, before=brand.status, exchange=item.pk, title=title)
    return item
