"""Display helpers every app's templates share: {% load platform %}."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

register = template.Library()


@register.filter
def hours(value: Any) -> str:
    """Service or study hours: 2.50 → 2.5, 3.00 → 3, 2.25 → 2.25; blank → "—"."""
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return str(value)
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def cn_date(day: dt.date | None) -> str:
    """2024-03-01 → 2024年3月1日; blank stays blank."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


@register.filter
def depth_indent(org: Any) -> str:
    """Full-width spaces that indent an organization by its depth in a list."""
    return "\u3000" * max(0, org.depth - 1)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None
