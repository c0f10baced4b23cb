"""The records behind each figure this module registers (?org=CODE&year=YYYY).

Like the organization side's record pages: committee staff and organization
administrators, scoped to what they may see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangjian.core import scoping
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import paginate

from .. import selectors
from ..models import Article
from .common import NAV

Query = Callable[[Any, int], QuerySet[Any]]


def _records(request: HttpRequest, page_name: str, title: str, query: Query, template: str) -> HttpResponse:
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Article, {"page": page_name}, exists=True)
    org, year = org_and_year_from(request, request.GET)
    items = query(org, year) if org is not None else Article.objects.none()
    if hasattr(items, "select_related"):
        items = items.select_related("org").order_by("-pk")
    return render(
        request,
        f"publicity/records_{template}.html",
        {
            "nav": NAV,
            "title": title,
            "org": org,
            "year": year,
            "page": paginate(request, items, 50),
            "query": f"org={org.code}&year={year}" if org else "",
        },
    )


@login_required
def articles(request: HttpRequest) -> HttpResponse:
    return _records(request, "publicity:records_articles", "发布宣传稿件", selectors.articles_published_in, "articles")


@login_required
def special_pages(request: HttpRequest) -> HttpResponse:
    return _records(
        request, "publicity:records_special_pages", "报纸党建专版", selectors.special_pages_in, "special_pages"
    )


@login_required
def info_sent(request: HttpRequest) -> HttpResponse:
    return _records(request, "publicity:records_info_sent", "向上级报送信息", selectors.info_reports_sent_in, "reports")


@login_required
def info_adopted(request: HttpRequest) -> HttpResponse:
    return _records(
        request, "publicity:records_info_adopted", "信息被上级采用", selectors.info_reports_adopted_in, "reports"
    )


@login_required
def cases_sent(request: HttpRequest) -> HttpResponse:
    return _records(request, "publicity:records_cases_sent", "报送优秀案例", selectors.cases_sent_in, "papers")


@login_required
def cases_awarded(request: HttpRequest) -> HttpResponse:
    return _records(request, "publicity:records_cases_awarded", "优秀案例获奖", selectors.cases_awarded_in, "papers")


@login_required
def research(request: HttpRequest) -> HttpResponse:
    return _records(request, "publicity:records_research", "党建研究成果", selectors.research_outputs_in, "papers")
