"""Display helpers for the study pages (hours, dates, get_item: {% load platform %})."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from ..models import MARK_BADGES, Mark

register = template.Library()

STATE_CLASSES = {
    "held": "text-bg-success",
    "missing": "text-bg-danger",
    "due": "text-bg-warning",
    "future": "text-bg-light border",
    "na": "text-bg-light text-muted",
}


@register.simple_tag
def mark_badge(status: str, label: str = "") -> str:
    if not label:
        label = Mark(status).label if status in Mark.values else "待登记"
    return format_html('<span class="badge {}">{}</span>', MARK_BADGES.get(status, "text-bg-light border"), label)


@register.filter
def state_class(state: str) -> str:
    return STATE_CLASSES.get(state, "text-bg-light")
