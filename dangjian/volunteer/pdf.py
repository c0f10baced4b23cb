"""The certificate (志愿服务证明) as a PDF, drawn by WeasyPrint from an HTML template.

The page names a CJK font installed on the server (Debian's fonts-noto-cjk),
so the Chinese text is embedded and extractable. A QR code (segno, made here)
points at the public verification page for the certificate's number.
"""

from __future__ import annotations

import segno
from django.template.loader import render_to_string

from .models import Certificate


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    from weasyprint import HTML  # imported on use: it loads Pango, which the other pages do not need

    qr = segno.make(verify_url, error="m").svg_data_uri(scale=4, border=1)
    html = render_to_string(
        "volunteer/certificate_pdf.html",
        {"c": certificate, "id_number": certificate.id_number, "qr": qr, "verify_url": verify_url},
    )
    return HTML(string=html).write_pdf()
