"""Refusals as typed errors with a stable code (after ephios' signup errors).

A service refuses by raising a `Refusal` subclass: the class names the rule,
`code` is stable (tests and the API's clients compare it), `message` is the
Chinese text shown to the user (never compared in code). A refusal is a
Django ValidationError, so forms show it (beside FIELD when it names one, above
the form otherwise) and `except ValidationError` still catches it.

    class TrainingFull(Refusal):
        code = "training_full"
        message = "名额已满。"

    raise TrainingFull()
    raise WrongDate("结束日期不能早于开始日期。", field="ends_on")
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError


class Refusal(ValidationError):
    # Class-level defaults each subclass sets; instances carry them as ValidationError does.
    code: str = "refused"
    message: str = "操作未能完成。"

    def __init__(self, message: str | None = None, *, field: str | None = None, **params: Any) -> None:
        text = message if message is not None else type(self).message
        if params:
            text = text % params  # message templates use %(name)s
        self.field = field
        self.text = text
        if field:
            super().__init__({field: [ValidationError(text, code=self.code)]})
        else:
            super().__init__(text, code=self.code)
        self.code = type(self).code  # also set for the {field: errors} form

    def __str__(self) -> str:
        return self.text


def codes_of(error: ValidationError) -> set[str]:
    """Every code in ERROR (a Refusal, a list of errors, or a {field: errors} ValidationError)."""
    found: set[str] = set()
    code = getattr(error, "code", None)
    if code:
        found.add(code)
    if hasattr(error, "error_dict"):
        for errors in error.error_dict.values():
            for e in errors:
                found |= codes_of(e)
    elif hasattr(error, "error_list") and error.error_list != [error]:
        for e in error.error_list:
            found |= codes_of(e)
    return found


def combine(errors: Iterable[ValidationError]) -> ValidationError | None:
    """One ValidationError holding ERRORS (None when there are none), to report every problem at once."""
    collected: dict[str, list[ValidationError]] = {}
    general: list[ValidationError] = []
    for e in errors:
        if hasattr(e, "error_dict"):
            for name, items in e.error_dict.items():
                collected.setdefault(name, []).extend(items)
        else:
            general.extend(e.error_list)
    if not collected and not general:
        return None
    if general:
        collected.setdefault("__all__", []).extend(general)
    return ValidationError(collected)  # type: ignore[arg-type]
