"""Configurable numbers and lists of the publicity module.

Defaults live here; a deployment overrides any key with a dict
`DANGJIAN_PUBLICITY = {...}` in settings. Read them with `setting(KEY)`.
The content-security rules themselves are data files under contentsec/rules/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Content security. Another folder of rule files replaces the shipped one.
    "CONTENTSEC_RULES_DIR": Path(__file__).resolve().parent / "contentsec" / "rules",
    # Domains allowed in links beyond contentsec/rules/domains/allowed.txt.
    "EXTRA_ALLOWED_DOMAINS": [],
    # The platform's own host names (links to them are never external);
    # settings.ALLOWED_HOSTS are added to these.
    "OWN_HOSTS": [],
    # Uploaded images: size cap and the types recognised by their first bytes.
    "IMAGE_MAX_BYTES": 5 * 1024 * 1024,
    "IMAGE_TYPES": ["image/jpeg", "image/png", "image/gif", "image/webp"],
    # Size cap of the WeChat export (images are inlined as data: URIs).
    "WECHAT_MAX_BYTES": 10 * 1024 * 1024,
    # Public pages and the RSS feed.
    "PUBLIC_PAGE_SIZE": 20,
    "RSS_ITEMS": 30,
    "SITE_TITLE": "机关党建网",
    # Information reports (信息报送): yearly targets of reports sent up, by the
    # kind of the reporting organization; "default" for kinds not listed.
    "INFO_REPORT_TARGETS": {"committee": 20, "party_committee": 3, "general_branch": 2, "branch": 1, "default": 1},
    # Levels at which the upper committee adopts (采用) a report.
    "ADOPTION_LEVELS": [
        ("committee_bulletin", "区直机关工委简报采用"),
        ("committee_website", "区直机关工委网站采用"),
        ("regional", "自治区党委及以上刊物采用"),
        ("instruction", "获领导批示"),
    ],
    # Awards of case studies and research outputs.
    "AWARD_LEVELS": [
        ("first", "一等奖"),
        ("second", "二等奖"),
        ("third", "三等奖"),
        ("excellent", "优秀奖"),
    ],
    "LIST_PAGE_SIZE": 30,
    # The organization picker of the forms: how many matches it lists at once.
    "ORG_PICKER_LIMIT": 20,
}


def setting(key: str) -> Any:
    overrides = getattr(settings, "DANGJIAN_PUBLICITY", {}) or {}
    if key in overrides:
        return overrides[key]
    return DEFAULTS[key]


def own_hosts() -> list[str]:
    hosts = [h.lower() for h in setting("OWN_HOSTS")]
    hosts += [h.lower().lstrip(".") for h in getattr(settings, "ALLOWED_HOSTS", []) if h and h != "*"]
    return hosts


def choices(key: str) -> list[tuple[str, str]]:
    return [(code, label) for code, label in setting(key)]


def label_of(key: str, code: str) -> str:
    return dict(choices(key)).get(code, code)
