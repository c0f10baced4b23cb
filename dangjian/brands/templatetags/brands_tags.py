"""The brand pages' tags: a status badge, and the rows of a batch's ranking.

Tags, not includes: a ranking shows hundreds of rows, and the template engine's per-node cost
(two {% url %} and a dozen variables a row) made a 500-row batch page take over a second.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from html import escape
from typing import TYPE_CHECKING

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..models import BrandStatus

if TYPE_CHECKING:
    from ..selectors import RankRow

register = template.Library()

BADGES = {
    BrandStatus.DRAFT: "text-bg-secondary",
    BrandStatus.SUBMITTED: "text-bg-primary",
    BrandStatus.RETURNED: "text-bg-warning",
    BrandStatus.NOT_SELECTED: "text-bg-light border",
    BrandStatus.SELECTED: "text-bg-info",
    BrandStatus.RECOGNIZED: "text-bg-success",
    BrandStatus.DOWNGRADED: "text-bg-warning",
    BrandStatus.REVOKED: "text-bg-dark",
}
LABELS = dict(BrandStatus.choices)


@register.simple_tag
def brand_status(status: str) -> SafeString:
    if status not in LABELS:
        return SafeString("")
    return format_html('<span class="badge {}">{}</span>', BADGES[BrandStatus(status)], LABELS[status])


_PK = 987654321  # reversed once, then replaced by each row's brand id


def _url_of(name: str) -> tuple[str, str]:
    url = reverse(name, args=[_PK])
    head, _, tail = url.partition(str(_PK))
    return head, tail


@register.simple_tag
def ranking_rows(
    ranking: Sequence[RankRow], *, selectable: bool, reviewer: bool, can_score: bool, scored: Collection[int]
) -> SafeString:
    """The <tr> of each row: a checkbox to select (staff during review), rank with ties, brand, organization,
    mean, how many scored, status, and the reviewer's score button.

    Plain strings with the stdlib's escape: format_html's lazy wrappers cost a millisecond a row."""
    detail, score = _url_of("brands:brand_detail"), _url_of("brands:score")
    badges = {s: str(brand_status(s)) for s in LABELS}
    out = []
    for r in ranking:
        b = r.brand
        name = escape(b.name)
        submitted = b.status == BrandStatus.SUBMITTED
        row = ["<tr>"]
        if selectable:
            box = (
                f'<input class="form-check-input" type="checkbox" name="brand" value="{b.pk}" aria-label="选择{name}">'
                if submitted
                else ""
            )
            row.append(f"<td>{box}</td>")
        if r.rank:
            tie = ' <span class="badge text-bg-light border">并列</span>' if r.tied else ""
            row.append(f"<td>{r.rank}{tie}</td>")
        else:
            row.append('<td><span class="text-muted">—</span></td>')
        row.append(f'<td><a href="{detail[0]}{b.pk}{detail[1]}">{name}</a></td>')
        row.append(f'<td class="small">{escape(b.org.name)}</td>')
        row.append(f'<td class="text-end">{r.mean if r.mean is not None else "—"}</td>')
        trimmed = '<span class="text-muted">（去高低）</span>' if r.trimmed else ""
        row.append(f'<td class="text-end small">{r.count}{trimmed}</td>')
        row.append(f"<td>{badges.get(b.status, '')}</td>")
        if reviewer:
            button = ""
            if can_score and submitted:
                again = b.pk in scored
                style, label = ("btn-outline-secondary", "修改评分") if again else ("btn-outline-primary", "评分")
                button = f'<a class="btn btn-sm {style}" href="{score[0]}{b.pk}{score[1]}">{label}</a>'
            row.append(f"<td>{button}</td>")
        row.append("</tr>")
        out.append("".join(row))
    return SafeString("\n".join(out))
