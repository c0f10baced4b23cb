"""The 18-character resident ID number of GB 11643-1999."""

from __future__ import annotations

import datetime as dt
import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


class IdNumberError(ValueError):
    """The number is malformed; the message is a Chinese sentence for the user."""


def normalize(value: str) -> str:
    return (value or "").strip().upper().replace("Ｘ", "X")


def check_digit(first17: str) -> str:
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def birth_date_of(number: str) -> dt.date:
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def validate(value: str, birth_date: dt.date | None = None) -> str:
    """Return the normalized number or raise IdNumberError with a Chinese reason."""
    number = normalize(value)
    if len(number) != 18:
        raise IdNumberError(f"身份证号应为18位，实际为{len(number)}位")
    if not _PATTERN.match(number):
        raise IdNumberError("身份证号前17位须为数字，最后一位为数字或X")
    try:
        born = birth_date_of(number)
    except ValueError:
        raise IdNumberError("身份证号中的出生日期不存在") from None
    if number[-1] != check_digit(number[:17]):
        raise IdNumberError(f"身份证号校验码错误（应为{check_digit(number[:17])}）")
    if birth_date is not None and born != birth_date:
        raise IdNumberError(f"身份证号中的出生日期（{born:%Y-%m-%d}）与填写的出生日期（{birth_date:%Y-%m-%d}）不一致")
    return number


def gender_of(number: str) -> str:
    """'M' or 'F' from the 17th digit."""
    return "M" if int(number[16]) % 2 else "F"
