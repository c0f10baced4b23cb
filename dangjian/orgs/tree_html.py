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


# Levels the default tree renders: the roots (open) and their children. A node of the last rendered
# level that has children is a closed <details> whose list htmx fills from its children endpoint
# when first opened; without JavaScript that list holds a link to the organization's page.
DEFAULT_DEPTH = 2


def render_tree(rows: list[OrgRow], *, expand_all: bool = False, depth: int = DEFAULT_DEPTH) -> SafeString:
    """ROWS (path order, each with .parent and .children) as nested lists.

    A node with children is <li><details><summary>…</summary><ul>…</ul></details></li>;
    a leaf is one <li>. Rows whose parent is not among ROWS are the top level
    (level 0, open). With EXPAND_ALL every node is rendered and open; otherwise
    only levels below DEPTH are rendered, and the nodes of level DEPTH - 1 with
    children load theirs on demand.
    """
    if not rows:
        return mark_safe("")
    url_pattern = reverse("orgs:detail", args=["__code__"])
    children_pattern = reverse("orgs:children", args=["__code__"])
    labels: dict[str, str] = {}
    present = {row.org.path for row in rows}
    last_level = None if expand_all else depth - 1
    parts: list[str] = []

    def node(row: OrgRow, level: int) -> None:
        org = row.org
        if org.kind not in labels:
            labels[org.kind] = org.get_kind_display()
        code = quote(org.code)
        url = url_pattern.replace("__code__", code)
        if not row.children:
            parts.append(f'<li class="ps-3">{_line(row, url, labels[org.kind], False)}</li>')
            return
        line = _line(row, url, labels[org.kind], True)
        if last_level is not None and level >= last_level:
            # Children on demand: htmx swaps the placeholder for the next level on first opening.
            parts.append(
                f'<li><details hx-get="{children_pattern.replace("__code__", code)}" hx-trigger="toggle once" '
                f'hx-target="find ul" hx-swap="innerHTML"><summary>{line}</summary>'
                f'<ul><li class="ps-3 small text-muted"><a href="{url}">下级组织 {len(row.children)} 个</a></li>'
                "</ul></details></li>"
            )
            return
        is_open = " open" if expand_all or level == 0 else ""
        parts.append(f"<li><details{is_open}><summary>{line}</summary><ul>")
        for child in row.children:
            node(child, level + 1)
        parts.append("</ul></details></li>")

    parts.append("<ul>")
    for row in rows:
        if row.parent is None or row.parent.org.path not in present:
            node(row, 0)
    parts.append("</ul>")
    return mark_safe("".join(parts))  # names and codes escaped in _line


def render_children(parent: OrgRow) -> SafeString:
    """The items of PARENT's list: its children, each with children of its own loading on demand."""
    html = render_tree(parent.children, depth=1)
    return mark_safe(html[len("<ul>") : -len("</ul>")])  # the <ul> is already on the page
