"""The two long tables of an organization's page, built in Python like the tree (tree_html).

A committee's page lists its 60-odd organizations below and fifty people of its roster: a
template loop with a URL, two badges and a dozen lookups per line cost more than every query
behind the page. The markup is the template's; only names, codes and titles come from users,
and they go through `escape`.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dangjian.people.models import Member

from .selectors import OrgRow
from .templatetags.orgs_tags import KIND_BADGES
from .terms import TermStatus


def children_rows(children: Iterable[OrgRow]) -> SafeString:
    """One <tr> per organization below: name, kind, party members with and without those below,
    full members, its secretary (or group leader) and its term."""
    url_pattern = reverse("orgs:detail", args=["__code__"])
    kinds: dict[str, str] = {}
    parts = []
    for c in children:
        org = c.org
        if org.kind not in kinds:
            kinds[org.kind] = (
                f'<span class="badge kind-badge {KIND_BADGES.get(org.kind, "text-bg-light")}">'
                f"{escape(org.get_kind_display())}</span>"
            )
        holder = c.secretary or c.group_leader
        who = escape(holder.name) if holder else '<span class="text-muted">—</span>'
        term = ""
        if c.term.status != TermStatus.NOT_APPLICABLE:
            term = f'<span class="badge {c.term.badge}">{escape(c.term.status_label)}</span>'
        url = url_pattern.replace("__code__", quote(org.code))
        parts.append(
            f'<tr><td><a href="{url}">{escape(org.name)}</a> '
            f'<span class="text-muted small">{escape(org.code)}</span></td>'
            f"<td>{kinds[org.kind]}</td>"
            f'<td class="text-end">{c.total.party}</td><td class="text-end">{c.total.full}</td>'
            f'<td class="text-end">{c.direct.party}</td><td>{who}</td><td>{term}</td></tr>'
        )
    return mark_safe("".join(parts))  # names, codes and labels escaped above


def roster_rows(members: Iterable[Member]) -> SafeString:
    """One <tr> per person of the roster's page (organization and unit loaded with them)."""
    url_pattern = reverse("people:detail", args=[0]).replace("/0/", "/__pk__/")
    parts = []
    for m in members:
        url = url_pattern.replace("__pk__", str(m.pk))
        unit = escape(m.unit.name) if m.unit_id and m.unit else ""
        parts.append(
            f'<tr><td><a href="{url}">{escape(m.name)}</a></td>'
            f"<td>{escape(m.get_gender_display())}</td><td>{escape(m.get_status_display())}</td>"
            f"<td>{escape(m.org.name)}</td>"
            f'<td class="d-none d-md-table-cell">{unit}</td>'
            f'<td class="d-none d-md-table-cell">{escape(m.job_title)}</td></tr>'
        )
    if not parts:
        return mark_safe('<tr><td colspan="6" class="text-muted">暂无人员。</td></tr>')
    return mark_safe("".join(parts))  # every value from a user escaped above
