"""The publicity module's configurable rules, with DOMAIN.md's defaults.

A deployment overrides them in `settings.DANGJIAN = {"publicity": {...}}`; code
reads `PublicitySettings.current()` (checked by `manage.py check`). The
content-security gate has its own section, DANGJIAN["contentsec"]
(contentsec/conf.py); its rules are data files under contentsec/rules/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from django.conf import settings

from dangjian.core.conf import AppSettings
from dangjian.core.uploads import MB

# Levels at which the upper committee adopts (采用) an information report.
ADOPTION_LEVELS: tuple[tuple[str, str], ...] = (
    ("committee_bulletin", "区直机关工委简报采用"),
    ("committee_website", "区直机关工委网站采用"),
    ("regional", "自治区党委及以上刊物采用"),
    ("instruction", "获领导批示"),
)

# Awards of case studies and research outputs.
AWARD_LEVELS: tuple[tuple[str, str], ...] = (
    ("first", "一等奖"),
    ("second", "二等奖"),
    ("third", "三等奖"),
    ("excellent", "优秀奖"),
)


def _default_targets() -> dict[str, int]:
    return {"committee": 20, "party_committee": 3, "general_branch": 2, "branch": 1, "default": 1}


@dataclass(frozen=True)
class PublicitySettings(AppSettings):
    SECTION: ClassVar[str] = "publicity"
    # The platform's own host names (links to them are never external); settings.ALLOWED_HOSTS
    # are added to these.
    own_hosts: tuple[str, ...] = ()
    # Uploaded images: size cap and the types recognised by their first bytes.
    image_max_bytes: int = 5 * MB
    image_types: tuple[str, ...] = ("image/jpeg", "image/png", "image/gif", "image/webp")
    # Size cap of the WeChat export (images are inlined as data: URIs).
    wechat_max_bytes: int = 10 * MB
    # Public pages and the RSS feed.
    public_page_size: int = 20
    rss_items: int = 30
    site_title: str = "机关党建网"
    # Information reports (信息报送): yearly targets of reports sent up, by the kind of the
    # reporting organization; "default" for kinds not listed.
    info_report_targets: dict[str, int] = field(default_factory=_default_targets)
    adoption_levels: tuple[tuple[str, str], ...] = ADOPTION_LEVELS
    award_levels: tuple[tuple[str, str], ...] = AWARD_LEVELS
    list_page_size: int = 30


def own_hosts() -> list[str]:
    hosts = [h.lower() for h in PublicitySettings.current().own_hosts]
    hosts += [h.lower().lstrip(".") for h in getattr(settings, "ALLOWED_HOSTS", []) if h and h != "*"]
    return hosts


def label_of(choices: tuple[tuple[str, str], ...], code: str) -> str:
    return dict(choices).get(code, code)
