"""QR codes for the daily sign-in, drawn here (segno, pure Python): no image service outside."""

from __future__ import annotations

import segno


def svg(url: str) -> str:
    """An inline SVG of URL's QR code, sized by CSS."""
    return segno.make(url, error="m").svg_inline(scale=6, border=2, dark="#8e1212", omitsize=True)
