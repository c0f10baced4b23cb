"""What the study pages share: who may manage, reading attendance marks from a form.

Paging, Excel exports, the ?year= parameter and service errors on forms come
from core.web; they are re-exported here so a view has one import.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import (
    attach_errors,
    error_text,
    export_query,
    page_query,
    paginate,
    wants_xlsx,
    xlsx_download,
    year_param,
)
from dangjian.orgs.models import Organization

from ..models import Mark
from ..services.marks import MarkIn

__all__ = [
    "MARK_CHOICES",
    "MARK_ROWS",
    "NAV",
    "attach_errors",
    "error_text",
    "export_query",
    "page_query",
    "paginate",
    "read_marks",
    "require_manager",
    "require_manages",
    "wants_xlsx",
    "xlsx_download",
    "year_param",
]

# Rows of a marking form per page: two fields a person stays under Django's
# DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) for a joint session of a thousand.
MARK_ROWS = 200
NAV = "study"
MARK_CHOICES = Mark.choices


def require_manager(request: AuthedRequest, model: type[Model], page: str) -> None:
    """Committee staff and organization administrators only; anyone else gets a recorded 404."""
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, model, {"page": page}, exists=True)


def require_manages(request: AuthedRequest, record: Model, org: Organization) -> None:
    """A change to RECORD needs a role over ORG (seeing it as an attendee is not enough)."""
    if not scoping.can_manage_org(request.user, org):
        raise scoping.deny(request, type(record), {"pk": record.pk}, exists=True, org=org)


def read_marks(data: Any, person_ids: Iterable[int]) -> dict[int, MarkIn]:
    """Marks posted as mark_<id> and reason_<id> for each person of PERSON_IDS (unposted ones are left out)."""
    marks = {}
    for pid in person_ids:
        status = data.get(f"mark_{pid}")
        if status:
            marks[pid] = MarkIn(status=status, reason=(data.get(f"reason_{pid}") or "").strip())
    return marks
