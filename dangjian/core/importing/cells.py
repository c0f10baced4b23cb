"""Cell parsers: each turns a cell into a value or raises CellError with a Chinese reason."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.utils import timezone

from .result import CellError


def text(value: Any, *, required: str = "", max_length: int | None = None) -> str:
    """A cell as stripped text; numbers typed in Excel ("13912345678.0") come back as digits."""
    if value is None:
        result = ""
    elif isinstance(value, bool):
        result = "是" if value else "否"
    elif isinstance(value, float) and value.is_integer():
        result = str(int(value))
    elif isinstance(value, dt.datetime):
        result = value.date().isoformat()
    else:
        result = str(value).strip()
    if required and not result:
        raise CellError(f"{required}不能为空")
    if max_length is not None and len(result) > max_length:
        raise CellError(f"内容过长（{len(result)}字），最多{max_length}字")
    return result


_today: tuple[float, dt.date] = (0.0, dt.date.min)


def today() -> dt.date:
    """timezone.localdate(), worked out at most once a second (a roster's 36,000 dates each ask)."""
    global _today
    now = time.monotonic()
    if now - _today[0] > 1.0:
        _today = (now, timezone.localdate())
    return _today[1]


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def date(value: Any, *, required: str = "", not_after_today: bool = False) -> dt.date | None:
    """An Excel date cell, or text YYYY-MM-DD (also YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日)."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CellError(f"{required}不能为空")
        return None
    elif isinstance(value, (int, float)):
        raise CellError(f"日期“{text(value)}”无法识别：请把单元格设为日期格式，或填写为YYYY-MM-DD")
    else:
        match = _DATE_TEXT.match(str(value).strip())
        if not match:
            raise CellError(f"日期“{str(value).strip()}”格式不正确，应为YYYY-MM-DD（如2020-07-01）")
        try:
            day = dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise CellError(f"日期“{str(value).strip()}”不存在") from None
    if day.year < 1900:
        raise CellError(f"日期“{day:%Y-%m-%d}”早于1900年，请核对")
    if not_after_today and day > today():
        raise CellError(f"日期“{day:%Y-%m-%d}”晚于今天")
    return day


def choice(value: Any, aliases: Mapping[str, str], *, what: str, allowed: Sequence[str], required: bool = False) -> str:
    """The choice value named by VALUE, looked up in ALIASES (label → value); '' when blank."""
    label = "".join(text(value).split())
    if not label:
        if required:
            raise CellError(f"{what}不能为空")
        return ""
    found = aliases.get(label)
    if found is None:
        raise CellError(f"{what}“{label}”无法识别，应为：{'、'.join(map(str, allowed))}")
    return found


def yes_no(value: Any) -> bool:
    label = text(value).upper()
    if label in ("", "否", "N", "NO", "FALSE", "0", "无", "未设"):
        return False
    if label in ("是", "Y", "YES", "TRUE", "1", "有", "设", "已设"):
        return True
    raise CellError(f"应填写“是”或“否”，不能是“{text(value)}”")


def integer(value: Any, *, low: int, high: int) -> int | None:
    label = text(value)
    if not label:
        return None
    try:
        number = int(float(label))
    except (ValueError, OverflowError):  # "abc"; "inf" and "1e309" are floats but no integers
        raise CellError(f"应填写整数，不能是“{label}”") from None
    if number != float(label) or not low <= number <= high:
        raise CellError(f"应为{low}到{high}之间的整数，不能是“{label}”")
    return number


def split_names(value: Any) -> list[str]:
    """'市财政局、市税务局' → both names; also accepts commas and semicolons."""
    parts = re.split(r"[、，,；;\n]+", text(value))
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


def chunked(items: Sequence[Any], size: int = 900) -> Iterator[Sequence[Any]]:
    """Slices small enough for an IN (...) list on every database."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
