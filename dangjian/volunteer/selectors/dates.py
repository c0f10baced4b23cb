"""The year's bounds the volunteer readers share."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight of 1 January of YEAR and of the next year, as aware datetimes."""
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def this_year() -> int:
    return timezone.localdate().year
