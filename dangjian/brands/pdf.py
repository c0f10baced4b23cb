"""The recognition certificate (党建品牌认定证书) as a one-page A4 PDF, by the kernel's PDF pipeline
(core.pdf, the same as the volunteer certificates), with a QR code to the public check."""

from __future__ import annotations

from dangjian.core.pdf import qr_data_uri, render_pdf

from .models import Brand

TEMPLATE = "brands/certificate_pdf.html"


def certificate_pdf(brand: Brand, *, verify_url: str, committee_name: str) -> bytes:
    return render_pdf(
        TEMPLATE, {"b": brand, "qr": qr_data_uri(verify_url), "verify_url": verify_url, "committee": committee_name}
    )
