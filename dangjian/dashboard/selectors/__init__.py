"""Reads of the dashboard: its figures (through the statistics registry) and its display links."""

from .board import (
    Check,
    WorkLine,
    behind,
    behind_checks,
    board,
    children_of,
    records_link,
    shown_metrics,
    trend_years,
    work_lines,
)
from .choices import breadcrumb, org_choices
from .links import SALT, link_for_token, links_in, sign, visible_links

__all__ = [
    "SALT",
    "Check",
    "WorkLine",
    "behind",
    "behind_checks",
    "board",
    "breadcrumb",
    "children_of",
    "link_for_token",
    "links_in",
    "org_choices",
    "records_link",
    "shown_metrics",
    "sign",
    "trend_years",
    "visible_links",
    "work_lines",
]
