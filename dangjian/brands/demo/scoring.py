"""The reviewers' scores: the best of this year's first batch are selected, then recognized after the notice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..conf import DEFAULT_RUBRIC
from ..models import Brand, BrandEvent, BrandStatus, Score
from .base import Batches, Seed


def seed_scores(s: Seed, batches: Batches) -> tuple[list[Brand], list[Brand], set[int]]:
    """Scores and decisions; returns the pilot's brands, the first batch's and the pks of its winners."""
    # Scores: 7 reviewers each; the 30 best of the first batch are selected, then recognized.
    scores: list[Score] = []
    keys = [(k, m) for k, _, m in DEFAULT_RUBRIC]
    first_brands = [p["brand"] for p in s.histories if p["brand"].batch_id == batches.first.pk]
    pilot_brands = [p["brand"] for p in s.histories if p["brand"].batch_id == batches.pilot.pk]
    quality: dict[int, float] = {}
    for b in pilot_brands + first_brands:
        if b.batch_id == batches.pilot.pk:
            quality[b.pk] = (
                s.rng.uniform(0.85, 0.95) if b.status == BrandStatus.RECOGNIZED else s.rng.uniform(0.6, 0.75)
            )
        else:
            quality[b.pk] = s.rng.uniform(0.55, 0.95)
        for reviewer in batches.reviewers[b.batch_id]:
            parts = {
                k: str(Decimal(max(0, min(m, round(m * (quality[b.pk] + s.rng.uniform(-0.08, 0.08)))))))
                for k, m in keys
            }
            total = sum(Decimal(v) for v in parts.values())
            when = s.at(s.on(0.55)) if b.batch_id == batches.first.pk else s.at(dt.date(s.year - 1, 5, 15))
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
    for score in scores:
        means[score.brand_id] = means.get(score.brand_id, Decimal(0)) + score.total
    best = sorted(first_brands, key=lambda b: (-means[b.pk], b.org.path))[: s.volume.recognized]
    winners = {b.pk for b in best}
    for n, b in enumerate(sorted(best, key=lambda b: b.org.path), start=1):
        b.certificate_no = f"品牌认定〔{batches.first.year}〕{batches.first.pk:02d}-{n:03d}号"
    for b in first_brands:
        if b.pk in winners:
            b.status, b.selected_at, b.recognized_at = (
                BrandStatus.RECOGNIZED,
                batches.first.noticed_at,
                batches.first.recognized_at,
            )
        else:
            b.status, b.not_selected_at = BrandStatus.NOT_SELECTED, batches.first.noticed_at
    for b in pilot_brands + first_brands:
        batch = batches.pilot if b.batch_id == batches.pilot.pk else batches.first
        assert batch.noticed_at is not None and batch.recognized_at is not None
        if b.recognized_at:
            s.events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.SELECTED,
                    at=batch.noticed_at,
                    actor=batches.staff,
                    from_status="submitted",
                    to_status="selected",
                )
            )
            s.events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.RECOGNIZED,
                    at=batch.recognized_at,
                    actor=batches.staff,
                    from_status="selected",
                    to_status="recognized",
                )
            )
        else:
            s.events.append(
                BrandEvent(
                    brand=b,
                    action=BrandEvent.Action.NOT_SELECTED,
                    at=batch.noticed_at,
                    actor=batches.staff,
                    from_status="submitted",
                    to_status="not_selected",
                )
            )
    return pilot_brands, first_brands, winners
