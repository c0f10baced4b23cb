"""A batch's ranking: each submission's mean score (dropping the highest and the lowest with 5 or
more reviewers), ranked with ties shown (1, 2, 2, 4)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Min, Sum

from ..conf import BrandsSettings
from ..models import Batch, Brand, BrandStatus, Score

RANKED = (
    BrandStatus.SUBMITTED,
    BrandStatus.SELECTED,
    BrandStatus.NOT_SELECTED,
    BrandStatus.RECOGNIZED,
    BrandStatus.DOWNGRADED,
    BrandStatus.REVOKED,
)


@dataclass
class RankRow:
    brand: Brand
    count: int = 0  # reviewers who scored
    mean: Decimal | None = None
    rank: int | None = None
    tied: bool = False
    trimmed: bool = False


def mean_of(scores: list[Decimal], trim_from: int) -> tuple[Decimal | None, bool]:
    """The mean of SCORES, dropping the highest and the lowest when there are TRIM_FROM or more."""
    if not scores:
        return None, False
    return _mean(sum(scores, Decimal(0)), max(scores), min(scores), len(scores), trim_from)


def _mean(total: Decimal, high: Decimal, low: Decimal, n: int, trim_from: int) -> tuple[Decimal, bool]:
    trimmed = n >= trim_from
    if trimmed:
        total, n = total - high - low, n - 2
    return (total / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), trimmed


def batch_ranking(batch: Batch) -> list[RankRow]:
    """Every brand of BATCH that went to review, best first; unscored ones last, unranked.

    One grouped query gives each brand's sum, highest, lowest and count of scores."""
    trim_from = BrandsSettings.current().trim_from_reviewers
    brands = list(
        batch.brands.filter(status__in=RANKED)
        .select_related("org")
        .only("id", "name", "status", "batch_id", "org__name", "org__path", "org__code")
        .order_by("org__path")
    )
    stats = {
        row["brand_id"]: row
        for row in Score.objects.filter(brand__batch=batch)
        .values("brand_id")
        .annotate(total_sum=Sum("total"), high=Max("total"), low=Min("total"), n=Count("id"))
    }
    rows = []
    for brand in brands:
        found = stats.get(brand.pk)
        row = RankRow(brand=brand)
        if found:
            row.count = found["n"]
            row.mean, row.trimmed = _mean(
                Decimal(found["total_sum"]), Decimal(found["high"]), Decimal(found["low"]), found["n"], trim_from
            )
        rows.append(row)
    rows.sort(key=lambda r: (r.mean is None, -(r.mean or 0), r.brand.org.path))
    previous: Decimal | None = None
    rank = 0
    for i, row in enumerate(rows, start=1):
        if row.mean is None:
            continue
        if row.mean != previous:
            rank, previous = i, row.mean
        row.rank = rank
    counts: dict[int, int] = defaultdict(int)
    for row in rows:
        if row.rank is not None:
            counts[row.rank] += 1
    for row in rows:
        row.tied = row.rank is not None and counts[row.rank] > 1
    return rows
