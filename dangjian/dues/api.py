"""The dues API (/api/v1/dues): an organization's ledger for a year, and one member's year.

Scoped like the pages: the subtrees whose dues the caller keeps; a member's own
year also to themself. Bases are never in the API (they are personal data).
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiId, ApiText, answers
from dangjian.core.web import ApiYear

from . import permissions, selectors
from .models import Payment
from .views.common import member_or_404, org_and_year

router = Router(tags=["党费管理"])


class DuesMonthOut(Schema):
    month: int
    expected: Decimal
    collected: Decimal
    extra: Decimal


class DuesOrgOut(Schema):
    org_code: str
    org_name: str
    members: int
    expected: Decimal
    collected: Decimal
    extra: Decimal
    remitted: Decimal


class DuesLedgerOut(Schema):
    org_code: str
    org_name: str
    year: int
    members: int
    expected: Decimal
    collected: Decimal
    extra: Decimal
    months: list[DuesMonthOut]
    orgs: list[DuesOrgOut]


class DuesLedgerQuery(Schema):
    org: ApiText = Field("", description="组织编码（含下级组织）；不填为本人可管理的最高一级组织")
    year: ApiYear | None = Field(None, description="年度；不填为今年")


class DuesMemberOut(Schema):
    member_id: int
    name: str
    year: int
    monthly_dues: Decimal | None
    paid_months: list[int]
    unpaid_months: list[int]
    total: Decimal


def _require(request: HttpRequest) -> None:
    if not permissions.uses_dues(request.user):
        raise scoping.deny(request, Payment, {"api": "dues"}, exists=True)


@router.get("/ledger", response=answers(DuesLedgerOut, 404, 422), url_name="dues_ledger", summary="党费收缴台账")
def dues_ledger(request: HttpRequest, query: Query[DuesLedgerQuery]) -> DuesLedgerOut:
    _require(request)
    params = {"org": query.org, "year": str(query.year or "")}
    org, year = org_and_year(request, params)
    book = selectors.ledger(org, year)
    return DuesLedgerOut(
        org_code=org.code, org_name=org.name, year=year, members=book.members, expected=book.expected,
        collected=book.collected, extra=book.extra,
        months=[DuesMonthOut(month=m.month, expected=m.expected, collected=m.collected, extra=m.extra)
                for m in book.months],
        orgs=[DuesOrgOut(org_code=ln.org.code, org_name=ln.org.name, members=ln.members, expected=ln.expected,
                         collected=ln.collected, extra=ln.extra, remitted=ln.remitted) for ln in book.orgs],
    )  # fmt: skip


class DuesMemberQuery(Schema):
    year: ApiYear | None = Field(None, description="年度；不填为今年")


@router.get(
    "/members/{member_id}", response=answers(DuesMemberOut, 404, 422), url_name="dues_member", summary="党员的年度党费"
)
def dues_member(request: HttpRequest, member_id: ApiId, query: Query[DuesMemberQuery]) -> DuesMemberOut:
    from django.utils import timezone

    if getattr(request.user, "person_id", None) == member_id:
        from dangjian.people.models import Member

        person = Member.objects.get(pk=member_id)
    else:
        _require(request)
        person = member_or_404(request, member_id)
    year = query.year or timezone.localdate().year
    record = selectors.member_year(person, year)
    return DuesMemberOut(
        member_id=person.pk, name=person.name, year=year,
        monthly_dues=record.base.monthly_dues if record.base else None, paid_months=sorted(record.paid),
        unpaid_months=record.unpaid_months, total=record.total,
    )  # fmt: skip
