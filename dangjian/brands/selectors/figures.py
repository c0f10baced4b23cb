"""The records behind the module's figures: one queryset each, whose count is the figure.

- brands.submitted: brands of the subtree first submitted in the year;
- brands.recognized: brands recognized in the year;
- brands.downgraded / brands.revoked: downgrades and revocations that took effect in the year;
- brands.training_sessions / brands.training_attendances: the brand training and exchange events
  the committee counts as training (计入培训统计), held in the year by the date of the reading, and
  their person-times. They add to the study app's training.classes and training.attendances
  (see dangjian.core.registry: contributions).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet, Sum
from django.utils import timezone

from dangjian.core import scoping
from dangjian.orgs.models import Organization

from ..models import Brand, ExchangeEvent, Outcome, ReevalStatus, Reevaluation


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


def counted_exchanges(org: Organization, year: int, today: dt.date | None = None) -> QuerySet[ExchangeEvent]:
    """Events counted in the training figures, held in YEAR (up to TODAY) by a committee of ORG's subtree."""
    today = today or timezone.localdate()
    end = min(dt.date(year, 12, 31), today)
    return scoping.in_subtree(ExchangeEvent.objects.all(), org, "committee").filter(
        counts_in_training=True, held_on__range=(dt.date(year, 1, 1), end)
    )


def counted_attendances(org: Organization, year: int) -> int:
    """The person-times of those events (each event records its attendance as a number)."""
    return counted_exchanges(org, year).aggregate(n=Sum("attendees"))["n"] or 0
