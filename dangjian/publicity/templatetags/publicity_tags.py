"""Display helpers of the publicity pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html

from .. import permissions

register = template.Library()

STATUS_BADGES = {
    "draft": "text-bg-secondary",
    "submitted": "text-bg-warning",
    "approved": "text-bg-info",
    "returned": "bg-danger-subtle text-danger-emphasis border border-danger-subtle",
    "published": "text-bg-success",
    "withdrawn": "text-bg-dark",
    "sent": "text-bg-primary",
    "adopted": "text-bg-success",
}
VERDICT_BADGES = {
    "clean": ("text-bg-success", "bi-shield-check"),
    "warned": ("text-bg-warning", "bi-shield-exclamation"),
    "blocked": ("text-bg-danger", "bi-shield-x"),
    "overridden": ("text-bg-info", "bi-shield-lock"),
}
KIND_LABELS = {
    "seo_spam": "推广字符串",
    "name_tampered": "名称被篡改",
    "hidden_link": "隐藏链接",
    "hidden_content": "隐藏内容",
    "broken_html": "可疑结构",
    "unsafe_link": "不安全链接",
    "spam_domain": "可疑网站",
    "external_link": "外部链接",
    "sensitive_word": "敏感词",
    "content_changed": "发布后被改动",
}
FIELD_LABELS = {"title": "标题", "page_title": "网页标题", "body": "正文", "": ""}


@register.simple_tag
def status_badge(obj) -> str:
    return format_html(
        '<span class="badge {}">{}</span>', STATUS_BADGES.get(obj.status, "text-bg-light"), obj.get_status_display()
    )


@register.simple_tag
def verdict_badge(article) -> str:
    if not article.scan_verdict:
        return ""
    css, icon = VERDICT_BADGES.get(article.scan_verdict, ("text-bg-light", "bi-shield"))
    return format_html(
        '<span class="badge {}"><i class="bi {}"></i> {}</span>', css, icon, article.get_scan_verdict_display()
    )


@register.filter
def finding_kind(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


@register.filter
def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


@register.filter
def sanitized(body: str) -> str:
    """The body cleaned once more on the way out: what is stored passed the allow-list,
    but a row changed behind the application's back must not reach a browser raw."""
    from django.utils.safestring import mark_safe

    from dangjian.publicity.sanitize import display_html

    return mark_safe(display_html(body or ""))  # noqa: S308  (nh3 output, styles turned into our classes)


# The workspace's tabs: (page, label, URL name, URL arguments, icon). A page's tab is shown to
# exactly those permissions.may_open lets in, so no tab leads to a refusal.
TABS = (
    ("home", "工作台", "publicity:home", (), "bi-house"),
    ("articles", "稿件", "publicity:articles", (), "bi-file-earmark-text"),
    ("gate", "内容安全", "publicity:gate", (), "bi-shield-check"),
    ("special_pages", "报纸专版", "publicity:special_pages", (), "bi-newspaper"),
    ("reports", "信息报送", "publicity:reports", (), "bi-send"),
    ("cases", "优秀案例", "publicity:papers", ("cases",), "bi-award"),
    ("research", "研究成果", "publicity:papers", ("research",), "bi-journal-text"),
    ("channels", "渠道与专栏", "publicity:channels", (), "bi-grid"),
)


@register.inclusion_tag("publicity/_tabs.html", takes_context=True)
def publicity_tabs(context: template.Context) -> dict[str, Any]:
    user = context.get("user")
    tabs = [
        {"key": key, "label": label, "url": reverse(name, args=args), "icon": icon}
        for key, label, name, args, icon in TABS
        if permissions.may_open(user, key)
    ]
    return {"tabs": tabs, "tab": context.get("tab", "")}
