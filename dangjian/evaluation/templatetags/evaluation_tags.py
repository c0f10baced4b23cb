"""Template helpers of the evaluation pages: the QR code of a personal link (segno, drawn here)."""

from __future__ import annotations

import segno
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def qr_svg(url: str) -> SafeString:
    """An inline SVG of URL's QR code, sized by CSS (segno writes only its own path data)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000", omitsize=True))  # noqa: S308
