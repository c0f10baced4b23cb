"""Certificates of completion (结业证书) as PDF, drawn by WeasyPrint from an HTML template.

The Chinese text is set in Noto CJK (Debian's fonts-noto-cjk), embedded with
its Unicode map, so the PDF shows no tofu and its text can be copied and read
back (the tests extract the name with pypdf).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Enrolment


def certificate_number(enrolment: Enrolment) -> str:
    return f"{enrolment.klass.starts_on:%Y}{enrolment.klass_id:04d}{enrolment.pk:06d}"


def certificate_pdf(enrolment: Enrolment) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango, which pages without PDFs never need

    html = render_to_string(
        "study/certificate.html",
        {
            "enrolment": enrolment,
            "klass": enrolment.klass,
            "person": enrolment.person,
            "number": certificate_number(enrolment),
            "issued_on": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()
