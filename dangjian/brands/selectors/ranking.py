"""A batch's ranking: each submission's mean score (dropping the highest and the lowest with 5 or
more reviewers), ranked with ties shown (1, 2, 2, 4)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

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
    scores: list[Decimal] = field(default_factory=list)
    mean: Decimal | None = None
    rank: int | None = None
    tied: bool = False
    trimmed: bool = False

    @property
    def count(self) -> int:
        return len(self.scores)


def mean_of(scores: list[Decimal], trim_from: int) -> tuple[Decimal | None, bool]:
    if not scores:
        return None, False
    values = sorted(scores)
    trimmed = len(values) >= trim_from
    if trimmed:
        values = values[1:-1]
    mean = sum(values, Decimal(0)) / len(values)
    return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), trimmed


def batch_ranking(batch: Batch) -> list[RankRow]:
    """Every brand of BATCH that went to review, best first; unscored ones last, unranked."""
    trim_from = BrandsSettings.current().trim_from_reviewers
    brands = list(batch.brands.filter(status__in=RANKED).select_related("org").order_by("org__path"))
    totals: dict[int, list[Decimal]] = defaultdict(list)
    for brand_id, total in Score.objects.filter(brand__batch=batch).values_list("brand_id", "total"):
        totals[brand_id].append(total)
    rows = []
    for brand in brands:
        mean, trimmed = mean_of(totals.get(brand.pk, []), trim_from)
        rows.append(RankRow(brand=brand, scores=totals.get(brand.pk, []), mean=mean, trimmed=trimmed))
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
