"""The organization tree as one HTML fragment of nested <details>.

Built in Python, not by a template: a city committee has 400 to 1,200
organizations, and a template loop (or format_html) per line costs more than
all the queries behind the page. Only names and codes come from users; they
go through `escape`. Everything else is numbers and fixed markup.
"""

from __future__ import annotations

from urllib.parse import quote

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .selectors import OrgRow
from .terms import TermStatus

# Short class names keep 1,000 lines light; tree.html styles them.
FLAGGED_TERMS = {
    TermStatus.OVERDUE: '<span class="badge text-bg-danger">已超期</span>',
    TermStatus.DUE_SOON: '<span class="badge text-bg-warning">即将到期</span>',
}


def _line(row: OrgRow, url: str, kind_label: str, has_children: bool) -> str:
    org = row.org
    direct = f'<span class="text-muted">（{row.direct.party}）</span>' if has_children else ""
    findings = ""
    if row.findings:
        findings = f' <a class="badge text-bg-danger" href="{url}#findings" title="设置问题">{len(row.findings)}</a>'

    term = FLAGGED_TERMS.get(row.term.status, "")
    return (
        f'<span class="badge kb kb-{org.kind}">{kind_label}</span> <a href="{url}">{escape(org.name)}</a> '
        f'<span class="text-muted small">{escape(org.code)}</span> '
        f'<span class="small ms-1 text-nowrap">党员 <strong>{row.total.party}</strong>{direct}</span>'
        f"{' ' + term if term else ''}{findings}"
    )


def render_tree(rows: list[OrgRow], *, expand_all: bool = False) -> SafeString:
    """ROWS (path order, each with .parent and .children) as nested lists.

    A node with children opens <li><details><summary>…</summary><ul>; a leaf
    is one <li>, after which as many levels close as the walk climbs. Roots
    (level 0) start open, or every node with EXPAND_ALL.
    """
    if not rows:
        return mark_safe("")
    url_pattern = reverse("orgs:detail", args=["__code__"])
    labels: dict[str, str] = {}
    levels: dict[str, int] = {}
    for row in rows:
        levels[row.org.path] = levels[row.parent.org.path] + 1 if row.parent else 0
    parts = ["<ul>"]
    for i, row in enumerate(rows):
        org = row.org
        if org.kind not in labels:
            labels[org.kind] = org.get_kind_display()
        url = url_pattern.replace("__code__", quote(org.code))
        level = levels[org.path]
        if row.children:
            is_open = " open" if expand_all or level == 0 else ""
            parts.append(f"<li><details{is_open}><summary>{_line(row, url, labels[org.kind], True)}</summary><ul>")
        else:
            parts.append(f'<li class="ps-3">{_line(row, url, labels[org.kind], False)}</li>')
            next_level = levels[rows[i + 1].org.path] if i + 1 < len(rows) else 0
            parts.append("</ul></details></li>" * max(0, level - next_level))
    parts.append("</ul>")
    return mark_safe("".join(parts))  # names and codes escaped in _line
