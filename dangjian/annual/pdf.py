"""The report as a PDF, drawn by the kernel's WeasyPrint pipeline (core.pdf) from the same Document
as the page and the Word file: A4, the 公文 margins, page numbers in the footer, and the appendix."""

from __future__ import annotations

from dangjian.core.pdf import render_pdf

from .conf import AnnualSettings
from .selectors.figures import Document

TEMPLATE = "annual/report_pdf.html"


def fonts(primary: str, fallback: str) -> str:
    return f'"{primary}", "{fallback}", serif'


def report_pdf(doc: Document, *, base_url: str = "") -> bytes:
    rules = AnnualSettings.current()
    return render_pdf(
        TEMPLATE,
        {
            "doc": doc,
            "report": doc.report,
            "base_url": base_url,
            "title_fonts": fonts(rules.title_font, rules.fallback_serif),
            "heading_fonts": fonts(rules.heading_font, rules.fallback_heading),
            "body_fonts": fonts(rules.body_font, rules.fallback_serif),
        },
    )
