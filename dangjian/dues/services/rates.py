"""The rate table: a base and a category give the monthly dues (Decimal yuan, rounded half up to the cent)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from ..conf import DuesSettings
from ..errors import BadBase, BadCategory
from ..models import Category

CENT = Decimal("0.01")


def to_money(value: Any) -> Decimal:
    """VALUE (text, int or Decimal; a float only through its text) as yuan with two places, rounded half up."""
    if isinstance(value, bool) or value is None:
        raise InvalidOperation
    amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    if not amount.is_finite():
        raise InvalidOperation
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def clean_base(value: Any) -> Decimal:
    """A declared base: a non-negative amount of yuan below the configured ceiling."""
    try:
        base = to_money(value)
    except (InvalidOperation, ValueError):
        raise BadBase(field="base") from None
    if base < 0 or base > DuesSettings.current().max_base:
        raise BadBase(field="base")
    return base


def _rate_in(brackets: Sequence[tuple[Any, Any]], base: Decimal) -> Decimal:
    for ceiling, rate in brackets:
        if ceiling is None or base <= Decimal(str(ceiling)):
            return Decimal(str(rate))
    return Decimal(str(brackets[-1][1]))


def rate_for(category: str, base: Decimal) -> Decimal | None:
    """The rate CATEGORY pays on BASE; None for a fixed amount (no income)."""
    conf = DuesSettings.current()
    if category == Category.IN_WORK:
        return _rate_in(conf.in_work_brackets, base)
    if category == Category.RETIRED:
        return _rate_in(conf.retired_brackets, base)
    if category == Category.NO_INCOME:
        return None
    raise BadCategory(field="category")


def monthly_dues(category: str, base: Decimal) -> tuple[Decimal | None, Decimal]:
    """(rate, monthly dues) for CATEGORY and BASE: base × rate rounded half up to the cent, or the fixed amount."""
    rate = rate_for(category, base)
    if rate is None:
        return None, DuesSettings.current().no_income_amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return rate, (base * rate).quantize(CENT, rounding=ROUND_HALF_UP)
