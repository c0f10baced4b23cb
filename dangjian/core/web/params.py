"""Reading query parameters: one parser for ?year=, ?page=, ?offset= and other whole numbers.

Blank means "the default". Anything else that is not a whole number in range
is refused with BadParameter, a Django BadRequest: pages answer the Chinese
400 page, the API a 400 with the message (config/api.py). Never a 500, never
a silent guess that shows the wrong year's figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from django.core.exceptions import BadRequest
from django.utils import timezone
from pydantic import Field

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


# --- the API (django-ninja query schemas) ----------------------------------------

# Bounded whole numbers for API query schemas: `offset: ApiOffset = 0`, `year: ApiYear | None = None`.
# Out of range or not a number, the API answers 422 with a Chinese message (api_validation_message).
ApiOffset = Annotated[int, Field(ge=0, le=INT_MAX, description="跳过的条数")]
ApiYear = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX, description="年度")]

_LABELS = {"year": "年份", "offset": "offset（跳过的条数）", "limit": "limit（每页条数）", "page": "页码"}


def api_validation_message(errors: Iterable[Mapping[str, Any]]) -> str:
    """Pydantic's ERRORS (a ninja ValidationError) as one Chinese sentence per parameter."""
    sentences = [api_validation_sentence(error) for error in errors]
    return "".join(dict.fromkeys(sentences)) or "请求参数格式不正确。"


# Pydantic's error types, as the Chinese sentence each gets ({shown}: the parameter or field; {ctx}: the bound).
_SENTENCES: dict[str, str] = {
    "missing": "缺少{shown}。",
    **dict.fromkeys(("int_parsing", "int_type", "int_from_float", "int_parsing_size"), "{shown}应为整数。"),
    **dict.fromkeys(("float_parsing", "float_type", "decimal_parsing", "decimal_type"), "{shown}应为数字。"),
    **dict.fromkeys(("greater_than_equal", "greater_than"), "{shown}不能小于 {bound}。"),
    **dict.fromkeys(("less_than_equal", "less_than"), "{shown}不能大于 {bound}。"),
    **dict.fromkeys(("enum", "literal_error"), "{shown}的取值无效（可选：{expected}）。"),
    **dict.fromkeys(("bool_parsing", "bool_type"), "{shown}应为 true 或 false。"),
    **dict.fromkeys(("string_type", "string_unicode"), "{shown}应为文本。"),
    **dict.fromkeys(("string_too_long", "too_long"), "{shown}过长（最多 {max_length}）。"),
    **dict.fromkeys(("string_too_short", "too_short"), "{shown}过短（至少 {min_length}）。"),
    **dict.fromkeys(("list_type", "tuple_type", "set_type"), "{shown}应为列表。"),
    **dict.fromkeys(("model_type", "model_attributes_type", "dict_type"), "{shown}应为 JSON 对象。"),
}


def api_validation_sentence(error: Mapping[str, Any]) -> str:
    """One pydantic ERROR as a Chinese sentence naming the parameter or body field (the API's `errors[].msg`)."""
    place = [str(part) for part in error.get("loc", ())]
    where = "请求体字段" if place[:1] == ["body"] else "参数"
    loc = [part for part in place if part not in ("query", "body", "path", "form", "header", "cookie")]
    name = loc[-1] if loc else ""
    if not name:
        return "请求体应为 JSON 对象。" if place[:1] == ["body"] else "请求参数格式不正确。"
    kind = str(error.get("type", ""))
    if kind.startswith(("date", "datetime", "time")):
        kind = "date"
    template = _SENTENCES.get(kind, "{shown}应为日期（YYYY-MM-DD）。" if kind == "date" else "{shown}格式不正确。")
    ctx = error.get("ctx") or {}
    return template.format(
        shown=f"{where}“{_LABELS.get(name, name)}”",
        bound=ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", "")))),
        expected=ctx.get("expected", ""),
        max_length=ctx.get("max_length", ""),
        min_length=ctx.get("min_length", ""),
    )
