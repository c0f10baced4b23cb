"""Display helpers of the volunteer pages (hours, dates and indents: {% load platform %})."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()

KIND_CLASSES = {
    "traffic": "text-bg-warning",
    "pairing": "text-bg-danger",
    "epidemic": "text-bg-info",
    "environment": "text-bg-success",
    "other": "text-bg-secondary",
}
STATUS_CLASSES = {
    "draft": "text-bg-light border",
    "published": "text-bg-success",
    "cancelled": "text-bg-secondary",
    "confirmed": "text-bg-success",
    "waiting": "text-bg-warning",
}


@register.simple_tag
def kind_badge(activity) -> str:
    return format_html(
        '<span class="badge {}">{}</span>',
        KIND_CLASSES.get(activity.kind, "text-bg-light"),
        activity.get_kind_display(),
    )


@register.simple_tag
def status_badge(obj) -> str:
    return format_html(
        '<span class="badge {}">{}</span>', STATUS_CLASSES.get(obj.status, "text-bg-light"), obj.get_status_display()
    )
