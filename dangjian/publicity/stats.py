"""Metrics this module registers (see dangjian.core.registry and DOMAIN.md).

Each figure counts the records of a `*_in` query in selectors.py, and has a page listing them
(?org=CODE&year=YYYY).
"""

from __future__ import annotations

from dangjian.core.registry import counted

from . import selectors

articles = counted(
    "publicity.articles",
    "发布宣传稿件",
    selectors.articles_published_in,
    unit="篇",
    records_url="publicity:records_articles",
)
special_pages = counted(
    "publicity.special_pages",
    "报纸党建专版",
    selectors.special_pages_in,
    unit="期",
    records_url="publicity:records_special_pages",
)
info_reports_submitted = counted(
    "info_reports.submitted",
    "向上级报送信息",
    selectors.info_reports_sent_in,
    unit="篇",
    records_url="publicity:records_info_sent",
)
info_reports_adopted = counted(
    "info_reports.adopted",
    "信息被上级采用",
    selectors.info_reports_adopted_in,
    unit="篇",
    records_url="publicity:records_info_adopted",
)
cases_submitted = counted(
    "cases.submitted", "报送优秀案例", selectors.cases_sent_in, unit="个", records_url="publicity:records_cases_sent"
)
cases_awarded = counted(
    "cases.awarded",
    "优秀案例获奖",
    selectors.cases_awarded_in,
    unit="个",
    records_url="publicity:records_cases_awarded",
)
research_outputs = counted(
    "research.outputs",
    "党建研究成果",
    selectors.research_outputs_in,
    unit="篇",
    records_url="publicity:records_research",
)
