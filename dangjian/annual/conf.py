"""The annual report's configurable rules (settings.DANGJIAN = {"annual": {...}} overrides them).

The number style follows the committees' own reports: small counts exact (3期, 17次), large
ones rounded down with 多 or 余 (922 → 900多人次, 2,839 → 2800余人次).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dangjian.core.conf import AppSettings

# The committee's work lines, each a paragraph template: {key} is the figure with its unit,
# {key:exact} the exact figure, {key:change} the comparison with the previous year (", 比上年增长
# 12%"; nothing when there is no previous figure). A sentence whose figure is not registered (an
# app not installed yet) is left out.
DEFAULT_SECTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "study",
        "一、抓实理论学习和教育培训",
        "全年组织中心组集体学习{central_group.sessions}，处级干部参学{central_group.attendances}"
        "{central_group.attendances:change}。举办各类培训班{training.classes}，培训党员干部"
        "{training.attendances}{training.attendances:change}。开展流动讲堂{lectures.mobile}，"
        "听讲{lectures.mobile_attendance}。",
    ),
    (
        "organization",
        "二、夯实基层组织建设、规范化建设和考核",
        "对{orgs.units_adjusted}单位的党组织设置进行调整，完成换届选举{orgs.elections_held}，"
        "任命专职副书记{cadres.full_time_deputy_secretaries}。建成标准化党员活动室"
        "{activity_rooms.standardized}。开展“三会一课”{org_life.meetings}，组织生活按期开展率"
        "{org_life.compliance_rate}{org_life.compliance_rate:change}。完成{assessment.units_rated}单位党建考核。"
        "工委干部建立联系点{liaison.points}，走访{liaison.visits}。",
    ),
    (
        "publicity",
        "三、做好宣传和信息报送",
        "在党建网站和微信公众平台发布稿件{publicity.articles}{publicity.articles:change}，"
        "在报纸推出党建专版{publicity.special_pages}。向上级报送信息{info_reports.submitted}，"
        "被采用{info_reports.adopted}。报送优秀案例{cases.submitted}，获奖{cases.awarded}；"
        "形成党建研究成果{research.outputs}。",
    ),
    (
        "volunteer",
        "四、深化志愿服务",
        "组建志愿服务支队{volunteer.brigades}，开展志愿服务活动{volunteer.activities}，"
        "党员干部参与{volunteer.participations}{volunteer.participations:change}，"
        "累计服务{volunteer.hours}。",
    ),
    (
        "brands",
        "五、打造党建品牌",
        "各级党组织申报党建品牌{brands.submitted}，经评审认定{brands.recognized}{brands.recognized:change}。",
    ),
)


@dataclass(frozen=True)
class AnnualSettings(AppSettings):
    SECTION: ClassVar[str] = "annual"
    # Counts below this are written exactly (130篇); from it on they are rounded down.
    exact_below: int = 500
    # (from, step): a figure of at least FROM is rounded down to a multiple of STEP; the last
    # row that applies wins (922 → 900, 2,839 → 2800, 12,345 → 12000).
    rounding: tuple[tuple[int, int], ...] = ((500, 100), (10000, 1000), (100000, 10000))
    # After a rounded figure with one significant digit (900多) and after any other (2800余).
    suffix_round: str = "多"
    suffix_other: str = "余"
    # Decimals kept for a percentage (a rate, a change on the previous year).
    percent_decimals: int = 1
    # A subtree with more organizations than this is frozen and drawn (Word, PDF) by the task
    # worker, with a progress page; smaller ones at once.
    background_orgs: int = 150
    # A job untouched this long (its worker was stopped) shows as interrupted.
    stale_minutes: int = 10
    # The fonts of the 公文 layout (GB/T 9704); the PDF falls back to the Noto CJK fonts
    # `make setup` installs (fonts-noto-cjk), Word to whatever the reader's machine has.
    title_font: str = "方正小标宋简体"
    heading_font: str = "黑体"
    body_font: str = "仿宋_GB2312"
    fallback_serif: str = "Noto Serif CJK SC"
    # Headings fall back to the serif face in bold: a second CJK face (Noto Sans CJK) would double
    # the time WeasyPrint takes to embed the fonts.
    fallback_heading: str = "Noto Serif CJK SC"
