"""Figures written the way a committee's report writes them (AnnualSettings holds the rule).

count(3, "期")      → "3期"
count(922, "人次")  → "900多人次"
count(2839, "人次") → "2800余人次"
change(2839, 2500)  → "增长13.6%"
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from ..conf import AnnualSettings


def _decimal(value: float, places: int) -> str:
    """VALUE with at most PLACES decimals, rounded half up (15.25 → 15.3), trailing zeros dropped."""
    text = str(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if "." in text else text


def rounded(value: float, rules: AnnualSettings | None = None) -> tuple[int, str]:
    """VALUE rounded down by the rule, and the suffix it takes ("" when it is written exactly)."""
    rules = rules or AnnualSettings.current()
    exact = math.floor(value + 1e-9)
    if exact < rules.exact_below:
        return exact, ""
    step = 1
    for start, size in rules.rounding:
        if exact >= start:
            step = size
    down = exact - exact % step
    if down == exact and value == exact:
        return exact, ""
    digits = str(down).rstrip("0")
    return down, rules.suffix_round if len(digits) == 1 else rules.suffix_other


def count(value: float, unit: str = "", rules: AnnualSettings | None = None) -> str:
    """VALUE with its UNIT in the report's style (a percentage keeps its decimals)."""
    rules = rules or AnnualSettings.current()
    if unit == "%":
        return f"{_decimal(value, rules.percent_decimals)}%"
    if value != math.floor(value) and value < rules.exact_below:
        return f"{_decimal(value, 1)}{unit}"
    down, suffix = rounded(value, rules)
    return f"{down}{suffix}{unit}"


def exact(value: float, unit: str = "") -> str:
    return f"{_decimal(value, 2)}{unit}"


def change(value: float, previous: float | None, unit: str = "", rules: AnnualSettings | None = None) -> str:
    """The comparison with the previous year ("增长12.5%", "下降3%", "持平"); "" when there is none."""
    rules = rules or AnnualSettings.current()
    if previous is None:
        return ""
    if unit == "%":
        diff = value - previous
        if abs(diff) < 10**-rules.percent_decimals / 2:
            return "持平"
        verb = "提高" if diff > 0 else "下降"
        return f"{verb}{_decimal(abs(diff), rules.percent_decimals)}个百分点"
    if not previous:
        return ""
    pct = (value - previous) / previous * 100
    if abs(pct) < 10**-rules.percent_decimals / 2:
        return "持平"
    verb = "增长" if pct > 0 else "下降"
    return f"{verb}{_decimal(abs(pct), rules.percent_decimals)}%"
