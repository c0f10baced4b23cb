"""The volunteer module's configurable numbers.

A deployment overrides any of them in `settings.DANGJIAN = {"volunteer": {...}}` (only the
keys it changes); code reads them, typed, with `VolunteerSettings.current()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings


@dataclass(frozen=True)
class VolunteerSettings(AppSettings):
    SECTION: ClassVar[str] = "volunteer"
    # Check-in by QR code opens this many minutes before the start …
    checkin_opens_minutes_before: int = 60
    # … and check-out stays possible this long after the planned end.
    checkout_closes_minutes_after: int = 180
    # Hours are actual service time rounded DOWN to this many minutes (30 → 0.5 h steps).
    hours_step_minutes: int = 30
    # Sign-up closes this many hours before the start when the organizer sets no deadline.
    default_deadline_hours_before: int = 0
    # Upper bound the organizer may set hours to for one activity (a typo guard).
    max_hours_per_activity: int = 24
    # Identity document named on certificates (志愿服务证明).
    certificate_id_type: str = "居民身份证"
    # Prefix of certificate numbers: ZM + year + 10 random characters.
    certificate_prefix: str = "ZM"
    # Prefix of volunteer numbers: ZY + 8 digits.
    volunteer_number_prefix: str = "ZY"
    # Places an activity may offer at most.
    max_places: int = 1000
