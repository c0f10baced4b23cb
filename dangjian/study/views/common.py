"""What the study pages share: who may manage, paging, Excel exports, reading attendance marks from a form."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from dangjian.core import audit, excel, scoping
from dangjian.orgs.models import Organization

from ..models import Mark
from ..services.marks import MarkIn

PAGE_SIZE = 50
# Rows of a marking form per page: two fields a person stays under Django's
# DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) for a joint session of a thousand.
MARK_ROWS = 200
NAV = "study"


def require_manager(request: HttpRequest, model: type[Model], page: str) -> None:
    """Committee staff and organization administrators only; anyone else gets a recorded 404."""
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, model, {"page": page}, exists=True)


def require_manages(request: HttpRequest, record: Model, org: Organization) -> None:
    """A change to RECORD needs a role over ORG (seeing it as an attendee is not enough)."""
    if not scoping.can_manage_org(request.user, org):
        raise scoping.deny(request, type(record), {"pk": record.pk}, exists=True, org=org)


def paginate(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> Page:
    return Paginator(items, size).get_page(request.GET.get("page"))


def wants_xlsx(request: HttpRequest) -> bool:
    return request.GET.get("export") == "xlsx"


def xlsx(
    request: HttpRequest,
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    model: type[Model],
    org: Any = None,
) -> HttpResponse:
    """The list as .xlsx; the export is recorded (lists name people)."""
    rows = list(rows)
    audit.record(
        audit.Event.EXPORT,
        request=request,
        target=model,
        object_repr=title,
        org=org,
        data={"what": title, "rows": len(rows), "query": request.GET.urlencode()},
    )
    content = excel.workbook_bytes(headers, rows, title=title[:31])
    return excel.xlsx_response(f"{title}_{timezone.localdate():%Y%m%d}.xlsx", content)


def export_query(request: HttpRequest) -> str:
    """The page's query string with export=xlsx (and no page number)."""
    params = request.GET.copy()
    params.pop("page", None)
    params["export"] = "xlsx"
    return params.urlencode()


def page_query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return params.urlencode()


def read_marks(data: Any, person_ids: Iterable[int]) -> dict[int, MarkIn]:
    """Marks posted as mark_<id> and reason_<id> for each person of PERSON_IDS (unposted ones are left out)."""
    marks = {}
    for pid in person_ids:
        status = data.get(f"mark_{pid}")
        if status:
            marks[pid] = MarkIn(status=status, reason=(data.get(f"reason_{pid}") or "").strip())
    return marks


def attach_errors(form: Any, error: ValidationError) -> None:
    """A service's {field: [reason]} beside the fields; anything else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def error_text(error: ValidationError) -> str:
    return "；".join(error.messages)


MARK_CHOICES = Mark.choices


def year_from(request: HttpRequest) -> int:
    text = str(request.GET.get("year") or "").strip()
    year = int(text) if text.isdigit() else timezone.localdate().year
    return year if 1949 <= year <= 2100 else timezone.localdate().year
