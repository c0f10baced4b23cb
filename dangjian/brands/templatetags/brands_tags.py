"""The brand pages' one tag: a status badge (a tag, not an include: the ranking shows hundreds of rows)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..models import BrandStatus

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
