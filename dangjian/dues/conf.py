"""The dues module's configurable rules, with DOMAIN.md's defaults (党费收缴、使用和管理的规定 2008).

A deployment overrides them in `settings.DANGJIAN = {"dues": {...}}`; code reads
`DuesSettings.current()`. A bracket is (ceiling in yuan, rate): a base up to and
including the ceiling pays the rate; the last bracket's ceiling is None (no ceiling).
Numbers may be given as strings or numbers; they are read as Decimal, never as floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from dangjian.core.conf import AppSettings

IN_WORK: tuple[tuple[Any, Any], ...] = (("3000", "0.005"), ("5000", "0.01"), ("10000", "0.015"), (None, "0.02"))
RETIRED: tuple[tuple[Any, Any], ...] = (("5000", "0.005"), (None, "0.01"))


@dataclass(frozen=True)
class DuesSettings(AppSettings):
    SECTION: ClassVar[str] = "dues"
    # 在职党员: monthly income after tax → rate.
    in_work_brackets: tuple[tuple[Any, Any], ...] = IN_WORK
    # 离退休党员: monthly pension → rate.
    retired_brackets: tuple[tuple[Any, Any], ...] = RETIRED
    # 学生党员和其他无固定收入的党员: a fixed amount a month, whatever the base.
    no_income_amount: Decimal = Decimal("0.20")
    # A base above this is taken for a typo (monthly yuan).
    max_base: Decimal = Decimal("1000000")
    list_page_size: int = 50
