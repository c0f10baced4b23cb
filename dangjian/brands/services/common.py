"""What the brand services share: the staff check, the history row, working days, raising many problems."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from dangjian.core import errors as core_errors

from .. import permissions
from ..errors import StaffOnly
from ..models import Brand, BrandEvent

ONE_DAY = dt.timedelta(days=1)


def actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def require_staff(by: Any, committee: Any) -> None:
    """BY must be committee staff over COMMITTEE; None (a console or a seeder) is let through."""
    if by is None:
        return
    if not permissions.runs_committee(by, committee):
        raise StaffOnly()


def event(
    brand: Brand,
    action: str,
    by: Any,
    *,
    before: str = "",
    comment: str = "",
    at: dt.datetime | None = None,
    **data: Any,
) -> BrandEvent:
    return BrandEvent.objects.create(
        brand=brand,
        action=action,
        from_status=before,
        to_status=brand.status,
        comment=comment,
        actor=actor(by),
        at=at or timezone.now(),
        data=data,
    )


def after_working_days(day: dt.date, days: int) -> dt.date:
    """The date DAYS working days (Monday to Friday) after DAY: a notice published on DAY ends then."""
    counted, cursor = 0, day
    while counted < days:
        cursor += ONE_DAY
        counted += cursor.weekday() < 5
    return cursor


def raise_all(problems: list[ValidationError]) -> None:
    if not problems:
        return
    if len(problems) == 1:
        raise problems[0]
    combined = core_errors.combine(problems)
    assert combined is not None
    raise combined


def check_text(value: str, *, field: str, title: str, most: int, required: bool = True) -> list[ValidationError]:
    from ..errors import BadBrand

    value = (value or "").strip()
    if required and not value:
        return [BadBrand(f"请填写{title}。", field=field)]
    if len(value) > most:
        return [BadBrand(f"{title}最多 {most} 个字。", field=field)]
    return []
