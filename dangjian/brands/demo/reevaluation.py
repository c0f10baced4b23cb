"""This year's re-evaluation of the pilot's brands (有进有出): most kept, two downgraded, one revoked
(each after its notice), one downgrade still on notice."""

from __future__ import annotations

import datetime as dt

from dangjian.accounts.models import User

from ..models import Brand, BrandEvent, BrandStatus, Outcome, ReevalStatus, Reevaluation
from ..services.common import after_working_days
from .base import Seed


def seed_reevaluations(s: Seed, staff: User, pilot_brands: list[Brand]) -> None:
    # This year's re-evaluation of the pilot brands (有进有出).
    listed_pilot = [b for b in pilot_brands if b.recognized_at]
    s.rng.shuffle(listed_pilot)
    reevals: list[Reevaluation] = []
    proposed_day = s.on(0.6)
    notice_end = after_working_days(proposed_day, 5)
    effective_day = min(s.today, max(s.on(0.75), notice_end + dt.timedelta(days=1)))
    plan_outcomes = ["downgrade", "downgrade", "revoke", "pending"] + ["keep"] * max(0, len(listed_pilot) - 4)
    for b, outcome in zip(listed_pilot, plan_outcomes, strict=False):
        if outcome == "keep":
            when = s.at(s.on(0.6))
            reevals.append(
                Reevaluation(
                    brand=b,
                    year=s.year,
                    outcome=Outcome.KEEP,
                    status=ReevalStatus.EFFECTIVE,
                    reasons="品牌活动持续开展，成效明显，保留认定。",
                    proposed_at=when,
                    effective_at=when,
                    decided_by=staff,
                )
            )
            s.events.append(
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
            day = s.today - dt.timedelta(days=1)
            reason = "品牌载体单一，近半年活动记录不全。"
            reevals.append(
                Reevaluation(
                    brand=b,
                    year=s.year,
                    outcome=Outcome.DOWNGRADE,
                    status=ReevalStatus.NOTICE,
                    reasons=reason,
                    proposed_at=s.at(day),
                    decided_by=staff,
                    notice_ends_on=after_working_days(day, 5),
                    probation_until=s.today + dt.timedelta(days=180),
                )
            )
            s.events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.PROPOSED,
                    at=s.at(day),
                    actor=staff,
                    from_status="recognized",
                    to_status="recognized",
                    comment=reason,
                )
            )
            continue
        revoke = outcome == "revoke"
        reason = "品牌活动停止开展一年以上，经公示撤销认定。" if revoke else "品牌成效不明显，群众评价下降，降级整改。"
        proposed, effective = s.at(proposed_day), s.at(effective_day, 16)
        probation = None if revoke else effective_day + dt.timedelta(days=180)
        reevals.append(
            Reevaluation(
                brand=b,
                year=s.year,
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
        s.events.append(
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
            s.events.append(
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
            s.events.append(
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
