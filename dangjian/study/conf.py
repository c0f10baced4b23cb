"""The study module's configurable rules, with DOMAIN.md's defaults.

A deployment overrides any of them with `settings.DANGJIAN_STUDY = {...}`
(only the keys it changes); code reads them through `conf.get(KEY)` at call
time, so tests can use override_settings.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Central-group study: local rules ask for at least one collective session a quarter.
    "CENTRAL_GROUP_MIN_PER_QUARTER": 1,
    # Observers (列席) are notified at least this many working days ahead …
    "OBSERVER_NOTICE_WORKING_DAYS": 5,
    # … and file a write-up within this many days of the session.
    "WRITEUP_DUE_DAYS": 10,
    # Working days skip weekends; these dates ("YYYY-MM-DD") are holidays as well,
    # and EXTRA_WORKDAYS are weekend days worked instead (调休).
    "HOLIDAYS": (),
    "EXTRA_WORKDAYS": (),
    # Training: a QR sign-in this many minutes after the day's start is "late".
    "SIGNIN_GRACE_MINUTES": 15,
    # Share of a class's days (those after the person enrolled) to attend for a certificate.
    "COMPLETION_RATIO": 0.8,
    # training.attendances counts a person once per class attended ("per_class"),
    # or once per day present or late ("per_day").
    "TRAINING_PERSON_TIMES": "per_class",
    # Materials and attachments.
    "MATERIAL_MAX_BYTES": 20 * 1024 * 1024,
    "MATERIAL_EXTENSIONS": (
        ".pdf",
        ".doc",
        ".docx",
        ".wps",
        ".ppt",
        ".pptx",
        ".xls",
        ".xlsx",
        ".txt",
        ".jpg",
        ".jpeg",
        ".png",
    ),
    # Organization life (支部工作条例): what each kind of organization must hold, how often.
    # every: "month" | "quarter" | "year"; org_kinds: the organizations it binds;
    # with_committee_only: only branches that have a branch committee.
    "ORG_LIFE_REQUIREMENTS": {
        "general_meeting": {"every": "quarter", "org_kinds": ("branch",)},
        "branch_committee": {"every": "month", "org_kinds": ("branch",), "with_committee_only": True},
        "group_meeting": {"every": "month", "org_kinds": ("group",)},
        "party_lecture": {"every": "quarter", "org_kinds": ("branch",)},
        "theme_day": {"every": "month", "org_kinds": ("branch",)},
        "life_meeting": {"every": "year", "org_kinds": ("branch",)},
        "member_review": {"every": "year", "org_kinds": ("branch",)},
    },
    # The kinds org_life.meetings counts: 三会一课.
    "ORG_LIFE_COUNTED_KINDS": ("general_meeting", "branch_committee", "group_meeting", "party_lecture"),
}


def get(key: str) -> Any:
    overrides = getattr(settings, "DANGJIAN_STUDY", None) or {}
    return overrides.get(key, DEFAULTS[key])
