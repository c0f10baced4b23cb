"""The dashboard's configurable rules (settings.DANGJIAN = {"dashboard": {...}} overrides them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings

# The committee's work lines, as its year-end report orders them: (key, Chinese name, the
# prefixes of the registry keys that belong to it). A figure no line claims goes under 其他.
WORK_LINES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("study", "理论学习与培训", ("central_group.", "training.", "lectures.")),
    (
        "organization",
        "组织建设、规范化与考核",
        (
            "org_life.",
            "orgs.",
            "cadres.",
            "activity_rooms.",
            "liaison.",
            "assessment.",
            "admission.",
            "dues.",
            "transfers.",
            "evaluation.",
        ),
    ),  # fmt: skip
    ("publicity", "宣传与信息报送", ("publicity.", "info_reports.", "cases.", "research.")),
    ("volunteer", "志愿服务", ("volunteer.",)),
    ("brands", "党建品牌", ("brands.",)),
)

# Organization life below 90% of the required meetings held, a term run out, a rectification
# of an activity room past its deadline.
BEHIND_CHECKS: tuple[tuple[str, str, float], ...] = (
    ("org_life.compliance_rate", "below", 90.0),
    ("orgs.elections_overdue", "above", 0),
    ("activity_rooms.rectifications_overdue", "above", 0),
)


@dataclass(frozen=True)
class DashboardSettings(AppSettings):
    SECTION: ClassVar[str] = "dashboard"
    work_lines: tuple[tuple[str, str, tuple[str, ...]], ...] = WORK_LINES
    # How many years the trend charts cover, ending with the year shown.
    trend_years: int = 5
    # What makes an organization "behind" this month: (registry key, "below" or "above", threshold).
    # A key no installed app registers is skipped.
    behind_checks: tuple[tuple[str, str, float], ...] = BEHIND_CHECKS
    # Registry keys the dashboard does not chart (its own and the annual report's bookkeeping).
    hidden_prefixes: tuple[str, ...] = ("screens.", "annual.")
    # The display screen (大屏) reloads its figures this often.
    screen_refresh_seconds: int = 300
    # A display link is valid for at most SCREEN_LINK_MAX_DAYS (the signature's max_age); the form offers the default.
    screen_link_max_days: int = 365
    screen_link_default_days: int = 30
    # Active display links one committee may hold at once (a guard against forgotten links).
    screen_links_max_active: int = 20
