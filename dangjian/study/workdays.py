"""Working days: weekdays, less configured holidays, plus configured make-up days (调休)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .conf import StudySettings

ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=8)
def _dates(values: tuple[str, ...]) -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(v) if isinstance(v, str) else v for v in values)


def is_working_day(day: dt.date) -> bool:
    if day in _dates(StudySettings.current().extra_workdays):
        return True
    return day.weekday() < 5 and day not in _dates(StudySettings.current().holidays)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after START up to and including END (0 when END is not after START).

    Notified on a Monday for the next Monday is 5 working days ahead: Tue … Fri and the Monday.
    """
    count, day = 0, start + ONE_DAY
    while day <= end:
        count += is_working_day(day)
        day += ONE_DAY
    return count


def notice_deadline(day: dt.date, working_days: int) -> dt.date:
    """The last date a notice may be given to be WORKING_DAYS working days ahead of DAY."""
    counted, cursor = 0, day
    while counted < working_days:
        counted += is_working_day(cursor)
        cursor -= ONE_DAY
    return cursor
