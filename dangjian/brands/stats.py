"""Metrics this app registers (see dangjian.core.registry), each with its records page.

The seed report's year: 63 brands submitted, 30 recognized.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangjian.core.registry import metric

from .selectors import downgraded_in, recognized_in, revoked_in, submitted_in

if TYPE_CHECKING:
    from dangjian.orgs.models import Organization


@metric("brands.submitted", "党建品牌申报", unit="个", records_url="brands:records_submitted", records=submitted_in)
def submitted(org: Organization, year: int) -> int:
    return submitted_in(org, year).count()


@metric("brands.recognized", "党建品牌认定", unit="个", records_url="brands:records_recognized", records=recognized_in)
def recognized(org: Organization, year: int) -> int:
    return recognized_in(org, year).count()


@metric("brands.downgraded", "党建品牌降级", unit="个", records_url="brands:records_downgraded", records=downgraded_in)
def downgraded(org: Organization, year: int) -> int:
    return downgraded_in(org, year).count()


@metric("brands.revoked", "党建品牌撤销", unit="个", records_url="brands:records_revoked", records=revoked_in)
def revoked(org: Organization, year: int) -> int:
    return revoked_in(org, year).count()
