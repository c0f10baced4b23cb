"""Small display helpers for the organization pages."""

from __future__ import annotations

import datetime as dt
import json

from django import template
from django.utils.html import format_html

register = template.Library()

KIND_BADGES = {
    "committee": "text-bg-danger",
    "party_committee": "bg-danger-subtle text-danger-emphasis border border-danger-subtle",
    "general_branch": "bg-warning-subtle text-warning-emphasis border border-warning-subtle",
    "branch": "bg-primary-subtle text-primary-emphasis border border-primary-subtle",
    "group": "bg-secondary-subtle text-secondary-emphasis border border-secondary-subtle",
}


@register.simple_tag
def kind_badge(org) -> str:
    return format_html(
        '<span class="badge kind-badge {}">{}</span>',
        KIND_BADGES.get(org.kind, "text-bg-light"),
        org.get_kind_display(),
    )


@register.simple_tag
def term_badge(term) -> str:
    return format_html('<span class="badge {}">{}</span>', term.badge, term.status_label)


@register.filter
def cn_date(day: dt.date | None) -> str:
    """2024-03-01 → 2024年3月1日; blank stays blank."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


@register.filter
def depth_indent(org) -> str:
    """Full-width spaces that indent an organization by its depth in a <select>."""
    return "\u3000" * max(0, org.depth - 1)


@register.inclusion_tag("orgs/_picker.html", takes_context=True)
def org_picker(
    context: template.Context,
    name: str = "org",
    selected: str = "",
    id: str = "",
    empty_label: str = "",
    css: str = "",
    box_css: str = "",
    label: str = "",
) -> dict[str, object]:
    """One organization of those the user sees: a select when they are few, a search box when many
    (orgs.picker). SELECTED is a code; EMPTY_LABEL, when given, is the choice of none (全部组织);
    CSS goes on the select (or the search box's hidden input), BOX_CSS on the search box; LABEL is
    their accessible name where no <label for=ID> gives one."""
    from ..picker import choices, label_of

    user = context["request"].user
    options = choices(user)
    return {
        "name": name,
        "id": id or f"org-picker-{name}",
        "selected": selected or "",
        "selected_label": label_of(user, selected) if options is None else "",
        "choices": options,
        "empty_label": empty_label,
        "css": css,
        "box_css": box_css,
        "label": label,
        "vals": json.dumps({"empty": empty_label}, ensure_ascii=False),
    }
