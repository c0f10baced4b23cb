"""The Excel imports' caps, typed, with their defaults (override in `settings.DANGJIAN["imports"]`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings


@dataclass(frozen=True)
class ImportSettings(AppSettings):
    SECTION: ClassVar[str] = "imports"

    # The largest file an import accepts.
    max_upload_bytes: int = 10 * 1024 * 1024
    # How long a preview can be confirmed.
    staged_max_minutes: int = 30
    # Changes listed on the preview page.
    preview_rows: int = 50

    @property
    def staged_max_age(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.staged_max_minutes)
