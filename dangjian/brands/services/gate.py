"""The content-security gate on a brand's name and texts (the same gate as articles).

The gate belongs to the publicity app; we call its public entry points
(`contentsec.options`, `contentsec.scan_fields`, and the protected names it
reads), never its models.
"""

from __future__ import annotations

from typing import Any

from dangjian.publicity import contentsec
from dangjian.publicity.contentsec.names import known_names

from ..errors import ContentBlocked

FIELDS = (
    ("name", "品牌名称"),
    ("slogan", "品牌口号"),
    ("meaning", "品牌内涵"),
    ("vehicle", "品牌载体"),
    ("impact", "品牌成效"),
)
TITLES = dict(FIELDS)


def scan_brand(texts: dict[str, str]) -> contentsec.ScanResult:
    opts = contentsec.options(names=known_names())
    return contentsec.scan_fields([(name, texts.get(name, "") or "", False) for name, _ in FIELDS], opts=opts)


def check_brand(texts: dict[str, str]) -> list[dict[str, Any]]:
    """The warnings on TEXTS; a blocking finding refuses (ContentBlocked, beside the field it is in)."""
    result = scan_brand(texts)
    blocking = result.blocking
    if blocking:
        first = blocking[0]
        detail = f"“{first.excerpt[:30]}”（{first.message or first.kind}）"
        raise ContentBlocked(field=first.field or None, title=TITLES.get(first.field, "内容"), detail=detail)
    return [f.as_dict() for f in result.warnings]
