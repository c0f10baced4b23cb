"""Reading query parameters: one parser for ?year=, ?page=, ?offset= and other whole numbers.

Blank means "the default". Anything else that is not a whole number in range
is refused with BadParameter, a Django BadRequest: pages answer the Chinese
400 page, the API a 400 with the message (config/api.py). Never a 500, never
a silent guess that shows the wrong year's figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import BadRequest
from django.utils import timezone

# The party was founded in 1921; nothing the platform records is older, and
# nothing is planned beyond 2100.
YEAR_MIN, YEAR_MAX = 1921, 2100
# Offsets and page numbers past this are nonsense (and overflow 64-bit integers in the database).
INT_MAX = 10**9


class BadParameter(BadRequest):
    def __init__(self, message: str, *, name: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.name = name


def int_param(
    params: Mapping[str, Any], name: str, *, default: int, low: int = 0, high: int = INT_MAX, label: str = ""
) -> int:
    """The whole number in PARAMS[NAME] (DEFAULT when blank), between LOW and HIGH."""
    raw = params.get(name)
    text = str(raw if raw is not None else "").strip()
    if not text:
        return default
    shown = label or name
    if not (text.isascii() and text.lstrip("-").isdigit()) or len(text) > 12:
        raise BadParameter(f"参数“{shown}”应为整数，而不是“{text[:20]}”。", name=name)
    value = int(text)
    if not low <= value <= high:
        raise BadParameter(f"参数“{shown}”应在 {low} 到 {high} 之间，而不是 {value}。", name=name)
    return value


def year_param(params: Mapping[str, Any], name: str = "year", *, default: int | None = None) -> int:
    """The year in PARAMS[NAME]; this year when blank."""
    fallback = default if default is not None else timezone.localdate().year
    return int_param(params, name, default=fallback, low=YEAR_MIN, high=YEAR_MAX, label="年份")
