"""The report-and-evaluation (述职评议) module's configurable rules, with DOMAIN.md's defaults.

A deployment overrides them in `settings.DANGJIAN = {"evaluation": {...}}`; code
reads `EvaluationSettings.current()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings
from dangjian.core.uploads import DOCUMENT_KINDS, MB


@dataclass(frozen=True)
class EvaluationSettings(AppSettings):
    SECTION: ClassVar[str] = "evaluation"
    # Points of each grade: the score of a secretary is the mean over the ballots that rated them.
    points_good: int = 100
    points_fairly_good: int = 80
    points_average: int = 60
    points_poor: int = 40
    # The overall grade from the score: at least this many points for 好 / 较好 / 一般, below: 差.
    threshold_good: float = 90.0
    threshold_fairly_good: float = 75.0
    threshold_average: float = 60.0
    # The majority cap: 差 from more than half of the ballots makes the result 差, and 一般 and
    # 差 together from more than half make it at most 一般, whatever the score.
    majority_cap: bool = True
    # Overall grades that put the secretary on the formal-talk (约谈) list.
    talk_grades: tuple[str, ...] = ("average", "poor")
    # The yearly report's file: the kernel's upload rules.
    report_kinds: tuple[str, ...] = DOCUMENT_KINDS
    report_max_bytes: int = 20 * MB
    # The organizations whose secretaries report, by kind.
    reporting_kinds: tuple[str, ...] = ("party_committee", "general_branch", "branch")
    list_page_size: int = 50
    # Evaluators who have not voted this many days before the deadline are listed to be reminded.
    remind_days_before: int = 3
