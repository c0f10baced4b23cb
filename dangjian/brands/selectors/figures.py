"""The records behind the module's figures: one queryset each, whose count is the figure.

- brands.submitted: brands of the subtree first submitted in the year;
- brands.recognized: brands recognized in the year;
- brands.downgraded / brands.revoked: downgrades and revocations that took effect in the year.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..models import Brand, Outcome, ReevalStatus, Reevaluation


def _year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def submitted_in(org: Organization, year: int) -> QuerySet[Brand]:
    start, end = _year_range(year)
    return scoping.in_subtree(Brand.objects.all(), org).filter(
        first_submitted_at__gte=start, first_submitted_at__lt=end
    )


def recognized_in(org: Organization, year: int) -> QuerySet[Brand]:
    start, end = _year_range(year)
    return scoping.in_subtree(Brand.objects.all(), org).filter(recognized_at__gte=start, recognized_at__lt=end)


def _changed_in(org: Organization, year: int, outcome: str) -> QuerySet[Reevaluation]:
    start, end = _year_range(year)
    return scoping.in_subtree(Reevaluation.objects.all(), org, "brand__org").filter(
        outcome=outcome, status=ReevalStatus.EFFECTIVE, effective_at__gte=start, effective_at__lt=end
    )


def downgraded_in(org: Organization, year: int) -> QuerySet[Reevaluation]:
    return _changed_in(org, year, Outcome.DOWNGRADE)


def revoked_in(org: Organization, year: int) -> QuerySet[Reevaluation]:
    return _changed_in(org, year, Outcome.REVOKE)
