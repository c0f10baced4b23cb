"""The assessment module's configurable rules, with their defaults.

A deployment overrides them in `settings.DANGJIAN = {"assessment": {...}}`; code
reads `AssessmentSettings.current()`. A scheme copies the defaults when it is
created; committee staff edit them per scheme afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings
from dangjian.core.uploads import MB

# The registry key of the secretaries' report-and-evaluation (述职评议) result: a 0–100 score of
# the organization's secretary for (org, year), registered by the evaluation app.
EVALUATION_METRIC = "evaluation.score"


@dataclass(frozen=True)
class AssessmentSettings(AppSettings):
    SECTION: ClassVar[str] = "assessment"
    # Weights of the three components (绩效考核, 党建考核, 述职评议), percent, adding up to 100.
    weight_performance: int = 30
    weight_party: int = 50
    weight_evaluation: int = 20
    # Lowest combined score of each grade (优秀 / 良好 / 一般; below: 较差).
    excellent_from: int = 90
    good_from: int = 80
    fair_from: int = 60
    # Public notice before results are final, in working days (Monday to Friday).
    notice_working_days: int = 5
    # Evidence files of a self-evaluation: how many per indicator, and the size of each.
    max_evidence_per_mark: int = 5
    evidence_max_bytes: int = 20 * MB
    list_page_size: int = 50


# What a new scheme starts with when there is no earlier year to copy: (component, category,
# indicators), each indicator (name, weight %, maximum, source, rule, metric key, target or
# points per unit, per member). Committee staff edit it before publishing.
STARTER: tuple[tuple[str, str, tuple[tuple[str, float, float, str, str, str, float | None, bool], ...]], ...] = (
    (
        "performance",
        "年度工作任务",
        (
            ("重点工作任务完成情况", 60, 10, "committee", "manual", "", None, False),
            ("年度工作总结", 40, 10, "self", "manual", "", None, False),
        ),
    ),
    (
        "party",
        "组织生活",
        (
            ("三会一课按期开展率", 30, 10, "auto", "rate", "org_life.compliance_rate", None, False),
            ("党员人均参加培训", 20, 10, "auto", "target", "training.attendances", 2, True),
        ),
    ),
    (
        "party",
        "宣传报送",
        (("向上级报送信息", 20, 10, "auto", "per_unit", "info_reports.submitted", 2, False),),
    ),
    (
        "party",
        "基础工作",
        (
            ("党建工作台账", 15, 10, "self", "manual", "", None, False),
            ("工委日常考核", 15, 10, "committee", "manual", "", None, False),
        ),
    ),
    (
        "evaluation",
        "书记述职评议",
        (("述职评议得分", 100, 100, "evaluation", "rate", EVALUATION_METRIC, None, False),),
    ),
)

# The year's figures shown beside the assessment's own on the results page: the organizations put
# in order and measured in the year, as the committee's annual report gives them (DOMAIN.md keys;
# a key no installed app registers is left out).
FIGURES_BESIDE: tuple[str, ...] = (
    "assessment.units_rated",
    "activity_rooms.standardized",
    "cadres.full_time_deputy_secretaries",
    "orgs.units_adjusted",
    "liaison.points",
    "liaison.visits",
    "lectures.mobile",
    "lectures.mobile_attendance",
)
