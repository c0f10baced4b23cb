"""Helpers shared by the publicity pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from .. import conf

NAV = "publicity"


def attach_errors(form: Any, error: ValidationError) -> None:
    """Put a service's {field: [reason]} beside the fields; anything else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def paginate(request: HttpRequest, items: Any, size: int | None = None) -> Page:
    return Paginator(items, size or int(conf.setting("LIST_PAGE_SIZE"))).get_page(request.GET.get("page"))


def gate_message(findings: list[dict[str, Any]]) -> str:
    listed = "；".join(f"{f.get('excerpt', '')[:40]}" for f in findings[:5])
    more = f" 等 {len(findings)} 处" if len(findings) > 5 else ""
    return f"内容安全检查未通过：{listed}{more}。请修改后重新提交，或请审核人员确认放行。"
