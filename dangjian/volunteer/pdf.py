"""The certificate (志愿服务证明) as a one-page A4 PDF, drawn by the kernel's PDF pipeline (core.pdf).

A QR code points at the public verification page for the certificate's number.
"""

from __future__ import annotations

from dangjian.core.pdf import qr_data_uri, render_pdf

from .models import Certificate

TEMPLATE = "volunteer/certificate_pdf.html"


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    return render_pdf(
        TEMPLATE,
        {"c": certificate, "id_number": certificate.id_number, "qr": qr_data_uri(verify_url), "verify_url": verify_url},
    )
