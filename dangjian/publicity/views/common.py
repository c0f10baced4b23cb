"""What the publicity pages share beyond core.web: the menu's name and the gate's message."""

from __future__ import annotations

from typing import Any

NAV = "publicity"


def gate_message(findings: list[dict[str, Any]]) -> str:
    listed = "；".join(f"{f.get('excerpt', '')[:40]}" for f in findings[:5])
    more = f" 等 {len(findings)} 处" if len(findings) > 5 else ""
    return f"内容安全检查未通过：{listed}{more}。请修改后重新提交，或请审核人员确认放行。"
