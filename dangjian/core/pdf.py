"""PDFs drawn by WeasyPrint from an HTML template: certificates, reports, the annual report.

Templates name a CJK font installed on the server (Debian's fonts-noto-cjk, which
`make setup` installs), so Chinese text is embedded and extractable. A QR code
(segno, pure Python) can point at a public verification page.
"""

from __future__ import annotations

from typing import Any

import segno
from django.template.loader import render_to_string

# The font stack every PDF template uses: Noto CJK first, then what a server might have.
CJK_FONTS = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", serif'


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    """An SVG QR code of URL as a data: URI, for an <img> in a PDF template."""
    return str(segno.make(url, error="m").svg_data_uri(scale=scale, border=1))


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """TEMPLATE rendered with CONTEXT (plus `cjk_fonts`) and drawn as PDF bytes."""
    from weasyprint import HTML  # imported on use: it loads Pango, which the other pages do not need

    html = render_to_string(template, {"cjk_fonts": CJK_FONTS, **context})
    return bytes(HTML(string=html).write_pdf())
