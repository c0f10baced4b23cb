"""What the assessment's writes share: the staff check, refusals collected, working days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from dangjian.core import errors as core_errors
from dangjian.orgs.models import Organization

from .. import permissions
from ..errors import SchemeNotPublished, SchemePublished, StaffOnly
from ..models import Scheme


def actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def require_staff(by: Any, committee: Organization) -> None:
    """BY None is the system (a seeder, a command); a user must be committee staff over COMMITTEE."""
    if by is not None and not permissions.manages(by, committee):
        raise StaffOnly()


def require_draft(scheme: Scheme) -> None:
    if scheme.is_published:
        raise SchemePublished()


def require_published(scheme: Scheme) -> None:
    if not scheme.is_published:
        raise SchemeNotPublished()


def raise_all(problems: Sequence[ValidationError]) -> None:
    if not problems:
        return
    if len(problems) == 1:
        raise problems[0]
    combined = core_errors.combine(problems)
    assert combined is not None
    raise combined


def decimal_or_none(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def after_working_days(day: dt.date, days: int) -> dt.date:
    """The date DAYS working days (Monday to Friday) after DAY: a notice published on DAY ends then."""
    counted, cursor = 0, day
    while counted < days:
        cursor += dt.timedelta(days=1)
        counted += cursor.weekday() < 5
    return cursor


def plain(value: Decimal) -> str:
    """10.0 → "10", 2.50 → "2.5" (never "1E+1")."""
    return f"{value.normalize():f}"
