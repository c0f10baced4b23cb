"""Excel downloads of lists: one helper, recorded in the audit trail when the list names people."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from dangjian.core import audit, excel


def wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("export") == "xlsx"


def export_query(request: HttpRequest) -> str:
    """The page's query string with export=xlsx (and no page number): the list's download link."""
    params = request.GET.copy()
    params.pop("page", None)
    params["export"] = "xlsx"
    return params.urlencode()


def export_filename(title: str) -> str:
    """党员名册_20261202.xlsx: the title and the day, the one file-name style of every export."""
    return f"{title}_{timezone.localdate():%Y%m%d}.xlsx"


def xlsx_download(
    request: HttpRequest,
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    target: type[Model] | Model,
    org: Any = None,
    personal: bool = True,
    notes: Sequence[str] = (),
) -> HttpResponse:
    """ROWS under HEADERS as an .xlsx download named after TITLE.

    A PERSONAL list (one that names people) is recorded as an export of
    personal data: who, what, how many rows, with which filters. The sheet
    title is TITLE clipped to Excel's 31 characters (excel.workbook_bytes).
    """
    rows = list(rows)
    if personal:
        audit.record(
            audit.Event.EXPORT,
            request=request,
            target=target,
            object_repr=title,
            org=org,
            data={"what": title, "rows": len(rows), "query": request.GET.urlencode()},
        )
    response = excel.xlsx_response(
        export_filename(title), excel.workbook_bytes(headers, rows, title=title, notes=notes)
    )
    add_never_cache_headers(response)
    return response
