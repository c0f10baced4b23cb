"""A batch's ranking: each submission's mean score (dropping the highest and the lowest with 5 or
more reviewers), ranked with ties shown (1, 2, 2, 4).

Two queries whatever the size of the batch: the brands as plain rows (a batch may hold hundreds;
building a model instance for each would cost more than the queries) and one grouped query of
the scores. A row's brand is a read-only `RankedBrand`, enough for the page, the export and the API.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Min, Sum

from ..conf import BrandsSettings
from ..models import Batch, BrandStatus, Score

RANKED = (
    BrandStatus.SUBMITTED,
    BrandStatus.SELECTED,
    BrandStatus.NOT_SELECTED,
    BrandStatus.RECOGNIZED,
    BrandStatus.DOWNGRADED,
    BrandStatus.REVOKED,
)


STATUS_LABELS = dict(BrandStatus.choices)


@dataclass(frozen=True)
class RankedOrg:
    name: str
    path: str


@dataclass(frozen=True)
class RankedBrand:
    """What the ranking shows of a brand."""

    pk: int
    name: str
    status: str
    org: RankedOrg

    def get_status_display(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))


@dataclass
class RankRow:
    brand: RankedBrand
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
    brands = [
        RankedBrand(pk=pk, name=name, status=status, org=RankedOrg(name=org_name, path=org_path))
        for pk, name, status, org_name, org_path in batch.brands.filter(status__in=RANKED)
        .order_by("org__path")
        .values_list("id", "name", "status", "org__name", "org__path")
    ]
    # order_by(): no Meta.ordering, whose joins (brand, organization, reviewer, batch …) a grouped query keeps.
    stats = {
        row["brand_id"]: row
        for row in Score.objects.filter(brand__batch_id=batch.pk)
        .order_by()
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
