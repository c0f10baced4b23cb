"""The roster's settings, typed, with their defaults (override in `settings.DANGJIAN["people"]`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings


@dataclass(frozen=True)
class PeopleSettings(AppSettings):
    SECTION: ClassVar[str] = "people"

    # Members shown per page of the roster (the list and an organization's page).
    member_page_size: int = 50
