"""What the annual report's pages share: the checks that answer a recorded 404."""

from __future__ import annotations

from django.http import HttpRequest

from dangjian.core import scoping

from .. import permissions
from ..models import AnnualReport

NAV = "annual"


def require_reader(request: HttpRequest, page: str) -> None:
    if not permissions.sees_reports(request.user):
        raise scoping.deny(request, AnnualReport, {"page": page}, exists=True)


def require_drafter(request: HttpRequest, report: AnnualReport, action: str) -> None:
    if not permissions.may_draft(request.user, report.org):
        raise scoping.deny(request, AnnualReport, {"pk": report.pk, "action": action}, exists=True, org=report.org_id)


def require_sender(request: HttpRequest, report: AnnualReport) -> None:
    if not permissions.may_send(request.user, report.org):
        raise scoping.deny(request, AnnualReport, {"pk": report.pk, "action": "send"}, exists=True, org=report.org_id)
