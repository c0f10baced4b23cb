"""The gate's deployment settings (typed, core/conf.py).

    DANGJIAN = {"contentsec": {"upper_committees": ["自治区直属机关工委", "自治区党委"]}}

`upper_committees`: names of the committees above the platform's own tree. They
are protected like the organizations the platform holds: spam spliced into one
of them is `name_tampered`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings


@dataclass(frozen=True)
class ContentSecSettings(AppSettings):
    SECTION: ClassVar[str] = "contentsec"
    upper_committees: tuple[str, ...] = ()
