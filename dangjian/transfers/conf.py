"""The transfers app's configurable rules (settings.DANGJIAN = {"transfers": {...}} overrides them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings


@dataclass(frozen=True)
class TransfersSettings(AppSettings):
    SECTION: ClassVar[str] = "transfers"
    # The issuer's short name on a letter out and its number: 市直机关工委〔2026〕第012号.
    issuer: str = "市直机关工委"
    # Placeholders: {issuer}, {year}, {seq} (the year's sequence, 1, 2, …; format spec allowed).
    number_format: str = "{issuer}〔{year}〕第{seq:03d}号"
    # A letter out is valid this many days from its issue (the receipt is due by then).
    validity_days: int = 30
    # The longest validity a letter may be given (days).
    max_validity_days: int = 90
