"""The study module's configurable rules, with DOMAIN.md's defaults.

A deployment overrides any of them in `settings.DANGJIAN = {"study": {...}}` (only the
keys it changes); code reads them, typed, with `StudySettings.current()`, so tests can use
`override_settings(DANGJIAN={"study": {...}})`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured

from dangjian.core.conf import AppSettings
from dangjian.core.uploads import DOCUMENT_KINDS, MB

# Organization life (支部工作条例): what each kind of organization must hold, how often.
# every: "month" | "quarter" | "year"; org_kinds: the organizations it binds;
# with_committee_only: only branches that have a branch committee.
ORG_LIFE_REQUIREMENTS: dict[str, dict[str, Any]] = {
    "general_meeting": {"every": "quarter", "org_kinds": ("branch",)},
    "branch_committee": {"every": "month", "org_kinds": ("branch",), "with_committee_only": True},
    "group_meeting": {"every": "month", "org_kinds": ("group",)},
    "party_lecture": {"every": "quarter", "org_kinds": ("branch",)},
    "theme_day": {"every": "month", "org_kinds": ("branch",)},
    "life_meeting": {"every": "year", "org_kinds": ("branch",)},
    "member_review": {"every": "year", "org_kinds": ("branch",)},
}
PERSON_TIMES = ("per_class", "per_day")
PERIODS = ("month", "quarter", "year")


@dataclass(frozen=True)
class StudySettings(AppSettings):
    SECTION: ClassVar[str] = "study"
    # Central-group study: local rules ask for at least one collective session a quarter.
    central_group_min_per_quarter: int = 1
    # Observers (列席) are notified at least this many working days ahead …
    observer_notice_working_days: int = 5
    # … and file a write-up within this many days of the session.
    writeup_due_days: int = 10
    # Working days skip weekends; these dates ("YYYY-MM-DD") are holidays as well,
    # and extra_workdays are weekend days worked instead (调休).
    holidays: tuple[str, ...] = ()
    extra_workdays: tuple[str, ...] = ()
    # Training: a QR sign-in this many minutes after the day's start is "late".
    signin_grace_minutes: int = 15
    # The day's QR code signs people in from this many minutes before its start …
    signin_opens_minutes_before: int = 60
    # … until this many minutes after its hours end (start + the day's hours), within the day.
    signin_closes_minutes_after: int = 120
    # Share of a class's days (those after the person enrolled) to attend for a certificate.
    completion_ratio: float = 0.8
    # training.attendances counts a person once per class attended ("per_class"),
    # or once per day present or late ("per_day").
    training_person_times: str = "per_class"
    # Materials and attachments: the kinds and the size the kernel's upload rules accept.
    material_kinds: tuple[str, ...] = DOCUMENT_KINDS
    material_max_bytes: int = 20 * MB
    org_life_requirements: dict[str, dict[str, Any]] = field(default_factory=lambda: dict(ORG_LIFE_REQUIREMENTS))
    # The kinds org_life.meetings counts: 三会一课.
    org_life_counted_kinds: tuple[str, ...] = ("general_meeting", "branch_committee", "group_meeting", "party_lecture")

    def __post_init__(self) -> None:
        def bad(name: str, why: str) -> ImproperlyConfigured:
            return ImproperlyConfigured(f"DANGJIAN['study'][{name!r}] {why}")

        if self.training_person_times not in PERSON_TIMES:
            raise bad("training_person_times", f"应为 {' 或 '.join(PERSON_TIMES)}")
        for name in ("signin_grace_minutes", "signin_opens_minutes_before", "signin_closes_minutes_after"):
            if getattr(self, name) < 0:
                raise bad(name, "不能为负数")
        if not 0 < self.completion_ratio <= 1:
            raise bad("completion_ratio", "应在 0 与 1 之间")
        for kind, rule in self.org_life_requirements.items():
            if not isinstance(rule, dict) or rule.get("every") not in PERIODS or "org_kinds" not in rule:
                shape = "{'every': 'month'|'quarter'|'year', 'org_kinds': (…)}"
                raise bad("org_life_requirements", f"中“{kind}”应为 {shape}")
