"""The brand module's configurable rules, with DOMAIN.md's defaults.

A deployment overrides them in `settings.DANGJIAN = {"brands": {...}}`; code
reads `BrandsSettings.current()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings
from dangjian.core.uploads import MB

# The default rubric (DOMAIN.md: 100 points across the five elements plus the on-site evaluation):
# (key, title, most points).
DEFAULT_RUBRIC: tuple[tuple[str, str, int], ...] = (
    ("name", "品牌名称", 10),
    ("logo", "品牌标识", 10),
    ("meaning", "品牌内涵", 20),
    ("vehicle", "品牌载体", 20),
    ("impact", "品牌成效", 20),
    ("onsite", "实地评估", 20),
)


@dataclass(frozen=True)
class BrandsSettings(AppSettings):
    SECTION: ClassVar[str] = "brands"
    rubric: tuple[tuple[str, str, int], ...] = DEFAULT_RUBRIC
    # Working days a selection, a downgrade or a revocation is on public notice before it takes effect.
    notice_working_days: int = 5
    # With this many reviewers or more, the highest and the lowest score are dropped from the mean.
    trim_from_reviewers: int = 5
    # Months a downgraded brand has to put things right before the next decision.
    probation_months: int = 6
    logo_max_bytes: int = 2 * MB
    photo_max_bytes: int = 5 * MB
    evidence_max_bytes: int = 20 * MB
    max_evidence_files: int = 20
    list_page_size: int = 50
