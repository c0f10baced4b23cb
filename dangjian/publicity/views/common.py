"""What the publicity pages share beyond core.web: the menu's name, a step's button, the gate's message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from dangjian.core.web import flash_errors

NAV = "publicity"


def run_step(request: HttpRequest, run: Callable[[], object], *, done: str, then: str) -> HttpResponse:
    """Take a record's step (a service call) from a button: its refusal or DONE as a flash, then back to THEN."""
    try:
        run()
    except ValidationError as e:
        flash_errors(request, e)
    else:
        messages.success(request, done)
    return redirect(then)


def gate_message(findings: list[dict[str, Any]]) -> str:
    listed = "；".join(f"{f.get('excerpt', '')[:40]}" for f in findings[:5])
    more = f" 等 {len(findings)} 处" if len(findings) > 5 else ""
    return f"内容安全检查未通过：{listed}{more}。请修改后重新提交，或请审核人员确认放行。"
