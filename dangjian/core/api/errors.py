"""The one error answer of the API, and the `response=` of a route that documents it.

Every refusal leaves as JSON `{"detail": "<一句中文>"}`: 400 for a request the
service refuses (with its stable `code`), 401 without a login or a valid token,
403 for a failed CSRF check, 404 for a record that does not exist or is out of
reach, 405 for a method the address does not take, 415 for a body that is not
JSON, 422 for parameters that do not validate (each item under `errors`, its
`msg` in Chinese too), 503 when the database was too busy to take the write. config/api.py turns
every exception into this shape; each route lists the statuses it can answer,
so the OpenAPI document holds every status a client will see.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from ninja import Field, Schema

# Every route needs a login or a token: each one can answer 401.
ALWAYS = (401,)


class ApiErrorItem(Schema):
    type: str = Field(description="校验错误的类别（pydantic），如 int_parsing、less_than_equal、missing")
    loc: list[str | int] = Field(description='出错的位置，如 ["query", "year"]')
    msg: str


class ApiError(Schema):
    detail: str = Field(description="中文说明")
    code: str | None = Field(None, description="拒绝原因的固定代码（400），如 signup_closed、already_signed_up")
    errors: list[ApiErrorItem] | None = Field(None, description="422：逐项的校验错误")


def answers(ok: Any, *statuses: int) -> dict[int, Any]:
    """`response=` for a route answering OK with 200, and ApiError with 401 and each of STATUSES."""
    return {200: ok, **{status: ApiError for status in (*ALWAYS, *statuses)}}


def choice_schema(choices: type[Enum], description: str = "") -> dict[str, Any]:
    """An enum query parameter's JSON schema written inline, so the enum (a model's
    `Status`, named alike in several apps) never becomes a shared component."""
    schema: dict[str, Any] = {"type": "string", "enum": [str(c.value) for c in choices]}
    if description:
        schema["description"] = description
    return schema
