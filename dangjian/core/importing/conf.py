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

    # The archive, checked from its directory before anything is decompressed (issue 10 §3):
    # a 1 MB file can declare gigabytes of XML. A 20,000-row roster is about 6 MB of XML.
    max_members: int = 200  # files inside the .xlsx (a workbook of a few sheets has ~15)
    max_member_bytes: int = 64 * 1024 * 1024  # one file, uncompressed
    max_total_bytes: int = 128 * 1024 * 1024  # all of them, uncompressed
    # Uncompressed : compressed, for files above ratio_floor_bytes (tiny files compress as they like).
    max_compression_ratio: int = 100
    ratio_floor_bytes: int = 1024 * 1024

    # Data rows one file may hold; a larger file is refused whole.
    max_rows: int = 20_000
    # Files with more rows than this are checked and imported by the task worker, with a progress page.
    background_rows: int = 2_000
    # A background job untouched this long (queued with no worker running, or its worker stopped) is
    # shown as interrupted and may be started again. The worker touches it every 500 rows read; writing
    # 20,000 rows in one transaction takes well under a minute.
    stale_minutes: int = 10
    # A finished job (done, failed or interrupted) is deleted this many days after it finished: its outcome
    # names people (masked IDs, errors per row). Pruned as imports start and by `manage.py prune_import_jobs`.
    finished_keep_days: int = 30

    @property
    def stale_after(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.stale_minutes)

    @property
    def finished_keep(self) -> dt.timedelta:
        return dt.timedelta(days=self.finished_keep_days)

    @property
    def staged_max_age(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.staged_max_minutes)
