"""The volunteer module's configurable numbers.

Defaults below; a deployment overrides any of them with a dict
`settings.DANGJIAN_VOLUNTEER` (only the keys it changes).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Check-in by QR code opens this many minutes before the start …
    "CHECKIN_OPENS_MINUTES_BEFORE": 60,
    # … and check-out stays possible this long after the planned end.
    "CHECKOUT_CLOSES_MINUTES_AFTER": 180,
    # Hours are actual service time rounded DOWN to this many minutes (30 → 0.5 h steps).
    "HOURS_STEP_MINUTES": 30,
    # Sign-up closes this many hours before the start when the organizer sets no deadline.
    "DEFAULT_DEADLINE_HOURS_BEFORE": 0,
    # Upper bound the organizer may set hours to for one activity (a typo guard).
    "MAX_HOURS_PER_ACTIVITY": 24,
    # Identity document named on certificates (志愿服务证明).
    "CERTIFICATE_ID_TYPE": "居民身份证",
    # Prefix of certificate numbers: ZM + year + 10 random characters.
    "CERTIFICATE_PREFIX": "ZM",
    # Prefix of volunteer numbers: ZY + 8 digits.
    "VOLUNTEER_NUMBER_PREFIX": "ZY",
    # Places an activity may offer at most.
    "MAX_PLACES": 1000,
}


def setting(key: str) -> Any:
    overrides = getattr(settings, "DANGJIAN_VOLUNTEER", {}) or {}
    if key in overrides:
        return overrides[key]
    return DEFAULTS[key]
