"""Reads of the brand module, always scoped to what the user may see (the showcase is public)."""

from .figures import (
    counted_attendances,
    counted_exchanges,
    downgraded_in,
    recognized_in,
    revoked_in,
    submitted_in,
)
from .lists import (
    BrandFilters,
    brand_rows,
    brand_summary,
    creatable_orgs,
    open_batches,
    visible_batches,
    visible_brands,
    visible_evidence,
    visible_exchanges,
    visible_plans,
    visible_visit_photos,
    visible_visits,
)
from .ranking import RankedBrand, RankRow, batch_ranking, mean_of
from .wall import related_activities, related_articles, related_training, verify, wall_brand, wall_brands

__all__ = [
    "BrandFilters",
    "RankRow",
    "RankedBrand",
    "batch_ranking",
    "brand_rows",
    "brand_summary",
    "counted_attendances",
    "counted_exchanges",
    "creatable_orgs",
    "downgraded_in",
    "mean_of",
    "open_batches",
    "recognized_in",
    "related_activities",
    "related_articles",
    "related_training",
    "revoked_in",
    "submitted_in",
    "verify",
    "visible_batches",
    "visible_brands",
    "visible_evidence",
    "visible_exchanges",
    "visible_plans",
    "visible_visit_photos",
    "visible_visits",
    "wall_brand",
    "wall_brands",
]
