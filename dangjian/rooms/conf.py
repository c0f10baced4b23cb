"""The activity-room module's configurable rules, with DOMAIN.md's defaults.

A deployment overrides them in `settings.DANGJIAN = {"rooms": {...}}`; code
reads `RoomsSettings.current()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings
from dangjian.core.uploads import MB

# The typical 七有 (DOMAIN.md): (title, what the inspector looks for, required).
SEVEN_HAVES: tuple[tuple[str, str, bool], ...] = (
    ("有固定场所", "有固定的党员活动室，使用面积不少于 20 平方米", True),
    ("有党的标识", "党旗、入党誓词、党员权利和义务上墙", True),
    ("有书报刊物", "配备党建书籍、报纸和期刊", True),
    ("有工作台账", "工作记录、党费收缴登记、党员名册齐全", True),
    ("有荣誉展示", "集中展示党组织和党员所获荣誉", True),
    ("有管理制度", "明确专人管理，管理制度上墙", True),
    ("有电教设备", "配备投影、电视或电脑等电化教育设备", False),
)


@dataclass(frozen=True)
class RoomsSettings(AppSettings):
    SECTION: ClassVar[str] = "rooms"
    # The items a committee's first checklist starts with; committee staff edit them afterwards.
    default_checklist: tuple[tuple[str, str, bool], ...] = SEVEN_HAVES
    # Photos of an inspection: per item, and the size of each.
    max_photos_per_item: int = 6
    photo_max_bytes: int = 5 * MB
    # The longest a rectification may be given (a typo guard: 2027 instead of 2026 is fine, 2207 is not).
    max_deadline_days: int = 366
    list_page_size: int = 50
