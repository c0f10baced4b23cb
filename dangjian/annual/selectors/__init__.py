"""The annual report's reads (see each module)."""

from .figures import Document, Figure, RenderedSection, Run, document, live, records_link, sources
from .numbers import change, count, exact, rounded
from .reports import Changed, changes_since_freezing, job_for, records_of, report_for, reports_for, sent_in
from .templates import DOMAIN_KEYS, check, keys_in, parse

__all__ = [
    "DOMAIN_KEYS",
    "Changed",
    "Document",
    "Figure",
    "RenderedSection",
    "Run",
    "change",
    "changes_since_freezing",
    "check",
    "count",
    "document",
    "exact",
    "job_for",
    "keys_in",
    "live",
    "parse",
    "records_link",
    "records_of",
    "report_for",
    "reports_for",
    "rounded",
    "sent_in",
    "sources",
]
