"""One paginator for every list page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from .params import INT_MAX, int_param

PAGE_SIZE = 50


def paginate(request: HttpRequest, items: Any, size: int = PAGE_SIZE, *, count: int | None = None) -> Page:
    """The ?page= of ITEMS (a queryset or a list); a page past the end shows the last one.

    A page number is a whole number from 1: any such number, however long (page=2**70),
    past the end is the last page; anything else ("abc", "0", "-1") is a Chinese 400.
    COUNT, where the caller knows it (a kept total), spares counting ITEMS.
    """
    raw = str(request.GET.get("page") or "").strip()
    if raw.isascii() and raw.isdigit() and raw.strip("0"):
        number = int(raw) if len(raw) <= len(str(INT_MAX)) else INT_MAX
    else:
        number = int_param(request.GET, "page", default=1, low=1, label="页码")
    paginator = Paginator(items, size)
    if count is not None:
        paginator.count = count  # type: ignore[misc]  # (a cached_property: set, it is not computed)
    return paginator.page(min(number, paginator.num_pages))


def page_query(request: HttpRequest) -> str:
    """The current query string without page and export, for the pager's links."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return params.urlencode()
