"""Metrics this module registers (see dangjian.core.registry and DOMAIN.md).

Each figure has a page listing the records behind it (?org=CODE&year=YYYY).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from dangjian.core.registry import PerOrgFunc, metric
from dangjian.orgs.models import Organization
from dangjian.orgs.selectors import count_per_org

from . import selectors


def _counting(records: Callable[[Organization, int], QuerySet[Any]]) -> PerOrgFunc:
    """The per_org of a figure that counts RECORDS(org, year) (one grouped query per tree)."""
    return functools.partial(count_per_org, records=records)


@metric(
    "publicity.articles",
    "发布宣传稿件",
    unit="篇",
    records_url="publicity:records_articles",
    per_org=_counting(selectors.articles_published_in),
)
def articles(org: Organization, year: int) -> int:
    return selectors.articles_published_in(org, year).count()


@metric(
    "publicity.special_pages",
    "报纸党建专版",
    unit="期",
    records_url="publicity:records_special_pages",
    per_org=_counting(selectors.special_pages_in),
)
def special_pages(org: Organization, year: int) -> int:
    return selectors.special_pages_in(org, year).count()


@metric(
    "info_reports.submitted",
    "向上级报送信息",
    unit="篇",
    records_url="publicity:records_info_sent",
    per_org=_counting(selectors.info_reports_sent_in),
)
def info_reports_submitted(org: Organization, year: int) -> int:
    return selectors.info_reports_sent_in(org, year).count()


@metric(
    "info_reports.adopted",
    "信息被上级采用",
    unit="篇",
    records_url="publicity:records_info_adopted",
    per_org=_counting(selectors.info_reports_adopted_in),
)
def info_reports_adopted(org: Organization, year: int) -> int:
    return selectors.info_reports_adopted_in(org, year).count()


@metric(
    "cases.submitted",
    "报送优秀案例",
    unit="个",
    records_url="publicity:records_cases_sent",
    per_org=_counting(selectors.cases_sent_in),
)
def cases_submitted(org: Organization, year: int) -> int:
    return selectors.cases_sent_in(org, year).count()


@metric(
    "cases.awarded",
    "优秀案例获奖",
    unit="个",
    records_url="publicity:records_cases_awarded",
    per_org=_counting(selectors.cases_awarded_in),
)
def cases_awarded(org: Organization, year: int) -> int:
    return selectors.cases_awarded_in(org, year).count()


@metric(
    "research.outputs",
    "党建研究成果",
    unit="篇",
    records_url="publicity:records_research",
    per_org=_counting(selectors.research_outputs_in),
)
def research_outputs(org: Organization, year: int) -> int:
    return selectors.research_outputs_in(org, year).count()
