"""The transfers API (/api/v1/transfers): letters out and in, overdue receipts, members in flow.

Read-only, scoped like the pages: ?org=CODE within the caller's reach (a recorded 404
otherwise), ?year=YYYY; the same selectors as the figures. Names only, never ID numbers.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiText, answers
from dangjian.core.selectors import org_and_year_from
from dangjian.core.web import ApiYear

from . import permissions, selectors
from .models import FlowMember, InLetter, OutLetter

router = Router(tags=["组织关系转接"])


class TransfersQuery(Schema):
    org: ApiText | None = Field(None, description="组织编码（含下级组织），默认为本人管理的最高一级组织")
    year: ApiYear | None = Field(None, description="年度，默认今年")


class TransfersOutLetterOut(Schema):
    id: int
    number: str = Field(description="介绍信编号")
    member: str = Field(description="姓名")
    org_code: str = Field(description="转出支部编码")
    org: str
    dest_name: str = Field(description="接收党组织")
    dest_level: str
    reason: str
    issued_on: dt.date
    valid_until: dt.date
    status: str = Field(description="issued 已开具 / returned 回执已返回 / expired 已过期 / cancelled 已作废")
    receipt_on: dt.date | None
    receipt_org_name: str

    @staticmethod
    def resolve_member(obj: OutLetter) -> str:
        return obj.member_name

    @staticmethod
    def resolve_org_code(obj: OutLetter) -> str:
        return obj.org.code

    @staticmethod
    def resolve_org(obj: OutLetter) -> str:
        return obj.org.name


class TransfersInLetterOut(Schema):
    id: int
    number: str
    origin_name: str = Field(description="转出党组织")
    name: str
    received_on: dt.date
    org_code: str = Field(description="接收组织（编入后为所在支部）编码")
    org: str
    status: str = Field(description="received 已接收 / placed 已编入支部 / returned 已退回")
    placed_on: dt.date | None

    @staticmethod
    def resolve_org_code(obj: InLetter) -> str:
        return obj.org.code

    @staticmethod
    def resolve_org(obj: InLetter) -> str:
        return obj.org.name


class TransfersFlowOut(Schema):
    id: int
    member: str
    org_code: str = Field(description="所在支部编码")
    org: str
    place: str = Field(description="流动地点")
    employer: str
    since: dt.date
    expected_return: dt.date | None
    status: str = Field(description="out 在外流动 / returned 已返回")
    returned_on: dt.date | None

    @staticmethod
    def resolve_member(obj: FlowMember) -> str:
        return obj.member.name

    @staticmethod
    def resolve_org_code(obj: FlowMember) -> str:
        return obj.org.code

    @staticmethod
    def resolve_org(obj: FlowMember) -> str:
        return obj.org.name


def _scope(request: HttpRequest, query: TransfersQuery, model: type, api: str):
    if not permissions.sees_transfers(request.user):
        raise scoping.deny(request, model, {"api": api}, exists=True)
    return org_and_year_from(request, {"org": query.org, "year": query.year})


@router.get("/out", response=answers(list[TransfersOutLetterOut], 404, 422), summary="本年度开具的转出介绍信")
def transfers_out(request: HttpRequest, query: Query[TransfersQuery]):
    org, year = _scope(request, query, OutLetter, "transfers_out")
    if org is None:
        return []
    return list(selectors.out_letters_in(org, year).select_related("org").order_by("-issued_on", "-seq"))


@router.get(
    "/out/overdue", response=answers(list[TransfersOutLetterOut], 404, 422), summary="有效期已过、回执未返回的介绍信"
)
def transfers_overdue(request: HttpRequest, query: Query[TransfersQuery]):
    org, _year = _scope(request, query, OutLetter, "transfers_overdue")
    if org is None:
        return []
    return list(selectors.overdue_letters(org, timezone.localdate()))


@router.get("/in", response=answers(list[TransfersInLetterOut], 404, 422), summary="本年度收到的转入介绍信")
def transfers_in(request: HttpRequest, query: Query[TransfersQuery]):
    org, year = _scope(request, query, InLetter, "transfers_in")
    if org is None:
        return []
    return list(selectors.in_letters_in(org, year).select_related("org").order_by("-received_on", "-id"))


@router.get("/flow", response=answers(list[TransfersFlowOut], 404, 422), summary="本年度的流动党员")
def transfers_flow(request: HttpRequest, query: Query[TransfersQuery]):
    org, year = _scope(request, query, FlowMember, "transfers_flow")
    if org is None:
        return []
    return list(selectors.flows_in(org, year).select_related("org", "member").order_by("org__path", "-since"))
