"""What the dues pages share: the organization and year asked for, look-ups that 404 (recorded) out of reach."""

from __future__ import annotations

from django.http import HttpRequest

from dangjian.core import scoping
from dangjian.core.web import year_param
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from .. import permissions, selectors
from ..models import Payment, Remittance

NAV = "dues"


def require_keeper(request: HttpRequest, page: str) -> None:
    """Pages for those who keep dues (administrators, committee staff, keepers): others get a recorded 404."""
    if not permissions.uses_dues(request.user):
        raise scoping.deny(request, Payment, {"page": page}, exists=True)


def org_and_year(request: HttpRequest, params: object = None) -> tuple[Organization, int]:
    """?org=CODE (default: the highest organization the user keeps) and ?year=YYYY (default: this year)."""
    source = params if params is not None else request.GET
    year = year_param(source)  # type: ignore[arg-type]
    code = (source.get("org") or "").strip()  # type: ignore[attr-defined]
    orgs = selectors.dues_orgs(request.user)
    if code:
        return scoping.get_visible_or_404(request, orgs, code=code), year
    org = orgs.order_by("depth", "path").first()
    if org is None:
        raise scoping.deny(request, Payment, {"page": "dues"}, exists=True)
    return org, year


def member_or_404(request: HttpRequest, pk: int) -> Member:
    return scoping.get_visible_or_404(request, selectors.dues_members(request.user).select_related("org"), pk=pk)


def payment_or_404(request: HttpRequest, pk: int) -> Payment:
    return scoping.get_visible_or_404(request, selectors.visible_payments(request.user).select_related("member"), pk=pk)


def remittance_or_404(request: HttpRequest, pk: int) -> Remittance:
    return scoping.get_visible_or_404(request, selectors.visible_remittances(request.user).select_related("org"), pk=pk)


def filter_orgs(request: HttpRequest) -> list[Organization]:
    """The organizations offered in a page's picker: those the user keeps, two levels down from the top."""
    orgs = selectors.dues_orgs(request.user)
    top = orgs.order_by("depth").values_list("depth", flat=True).first()
    if top is None:
        return []
    return list(orgs.filter(depth__lte=top + 2).order_by("path").only("id", "code", "name", "path", "depth"))
