"""The member list's rows, built in Python (as the organization tree is, orgs.tree_html).

A page holds fifty people: as a template loop, with lookups, comparisons and filters per cell,
they cost more than every query behind the page (the organization filter is the search box of
{% org_picker %}, not a 1,150-option select). The markup is the templates'; names, titles
and codes come from users and go through `escape`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Member, Status

STATUS_BADGES: dict[str, str] = {
    Status.FULL: "text-bg-danger",
    Status.PROBATIONARY: "text-bg-warning",
    Status.ACTIVIST: "text-bg-info",
}  # anything else: text-bg-secondary (people/_status_badge.html)


def _day(value: object) -> str:
    return value.isoformat() if value else ""  # type: ignore[attr-defined]


def member_rows(members: Iterable[Member], columns: int) -> SafeString:
    """One <tr> per person of the page (organization and unit loaded with them); COLUMNS cells wide
    when the page is empty."""
    url_pattern = reverse("people:detail", args=[0]).replace("/0/", "/__pk__/")
    parts = []
    for m in members:
        url = url_pattern.replace("__pk__", str(m.pk))
        status = escape(m.get_status_display())
        job = escape(m.job_title)
        unit = escape(m.unit.name) if m.unit_id and m.unit else ""
        badge = STATUS_BADGES.get(m.status, "text-bg-secondary")
        status_job = f" · {job}" if job else ""
        job_line = f'<div class="small text-muted">{job}</div>' if job else ""
        parts.append(
            f'<tr><td><a class="fw-semibold" href="{url}">{escape(m.name)}</a>'
            f'<div class="d-sm-none small text-muted">{status}{status_job}</div></td>'
            f'<td class="d-none d-md-table-cell">{escape(m.get_gender_display())}</td>'
            f'<td class="d-none d-lg-table-cell">{escape(m.ethnicity)}</td>'
            f'<td class="d-none d-md-table-cell text-nowrap">{_day(m.birth_date)}</td>'
            f'<td class="d-none d-sm-table-cell"><span class="badge {badge}">{status}</span></td>'
            f'<td class="d-none d-lg-table-cell text-nowrap">{_day(m.joined_party_on) or "—"}</td>'
            f'<td class="d-none d-xl-table-cell">{escape(m.get_cadre_rank_display()) or "—"}</td>'
            f'<td class="d-none d-xl-table-cell">{unit}{job_line}</td>'
            f"<td>{escape(m.org.name)}</td></tr>"
        )
    if not parts:
        empty = '<td colspan="{}" class="text-center text-muted py-5">没有符合条件的人员。</td>'
        return mark_safe(f"<tr>{empty.format(columns)}</tr>")
    return mark_safe("".join(parts))  # every value from a user escaped above
