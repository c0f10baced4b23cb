"""The liaison app's configurable rules (settings.DANGJIAN = {"liaison": {...}} overrides them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings
from dangjian.core.uploads import DOCUMENT_KINDS, MB


@dataclass(frozen=True)
class LiaisonSettings(AppSettings):
    SECTION: ClassVar[str] = "liaison"
    # The committee's cadres are the people employed by these units; empty: the unit named as
    # the committee itself (市直属机关工委). The pairing form offers them first.
    cadre_unit_names: tuple[str, ...] = ()
    # Lecture materials: the kinds and the size the kernel's upload rules accept.
    material_kinds: tuple[str, ...] = DOCUMENT_KINDS
    material_max_bytes: int = 20 * MB
