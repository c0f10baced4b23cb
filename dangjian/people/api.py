"""The roster API (/api/v1/members): the member list's search and filters, one member.

Scoped exactly like the pages: the list is for committee staff and organization
administrators, one member for whoever may see that record; anything else is a
recorded 404. ID and phone numbers only ever leave masked.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiId, ApiText, answers
from dangjian.core.web import ApiOffset

from . import selectors
from .models import Member

router = Router(tags=["人员"])

MAX_LIMIT = 200


class PeopleMemberListQuery(Schema):
    q: ApiText = Field("", description="姓名的一部分，或拼音首字母（前缀），如 zjg")
    status: ApiText = Field("", description="人员类别：full / probationary / activist / non_party")
    org: ApiText = Field("", description="组织编码；含其全部下级组织")
    rank: ApiText = Field("", description="职级：bureau / division / section / staff / other")
    ethnicity: ApiText = Field("", description="民族，如 汉族")
    sort: ApiText = Field("", description="name / birth / joined / org，前加 - 为倒序")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: ApiOffset = 0


class PeopleOrgRef(Schema):
    id: int
    code: str
    name: str


class PeopleMemberOut(Schema):
    id: int
    name: str
    gender: str
    ethnicity: str
    birth_date: dt.date
    status: str
    status_label: str
    cadre_rank: str
    joined_party_on: dt.date | None
    job_title: str
    unit: str | None
    org: PeopleOrgRef

    @staticmethod
    def resolve_status_label(obj: Member) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_unit(obj: Member) -> str | None:
        return obj.unit.name if obj.unit is not None else None


class PeoplePostOut(Schema):
    id: int
    org: PeopleOrgRef
    title: str
    title_label: str
    started_on: dt.date
    ended_on: dt.date | None

    @staticmethod
    def resolve_title_label(obj) -> str:
        return obj.get_title_display()


class PeopleTransferOut(Schema):
    transferred_on: dt.date
    from_org_name: str
    to_org_name: str
    reason: str


class PeopleMemberDetailOut(PeopleMemberOut):
    id_number_masked: str = Field(description="脱敏身份证号")
    phone_masked: str = Field(description="脱敏手机号")
    education: str
    posts: list[PeoplePostOut]
    transfers: list[PeopleTransferOut]

    @staticmethod
    def resolve_posts(obj: Member) -> list:
        current, past = selectors.posts_of(obj)
        return current + past

    @staticmethod
    def resolve_transfers(obj: Member) -> list:
        return list(selectors.transfers_of(obj))


class PeopleMemberPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PeopleMemberOut]


@router.get("", response=answers(PeopleMemberPage, 404, 422), summary="人员列表：搜索、筛选、排序、分页")
def list_members(request: HttpRequest, query: Query[PeopleMemberListQuery]):
    if not scoping.can_see_orgs(request.user):
        raise scoping.deny(request, Member, {"api": "members"}, exists=True)
    members = selectors.members_for_list(
        user=request.user,
        q=query.q,
        status=query.status,
        org_code=query.org,
        rank=query.rank,
        ethnicity=query.ethnicity,
        sort=query.sort,
        request=request,
    )
    return {
        "count": members.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": list(members[query.offset : query.offset + query.limit]),
    }


@router.get(
    "/{member_id}", response=answers(PeopleMemberDetailOut, 404, 422), summary="一名人员（身份证号、手机号脱敏）"
)
def get_member(request: HttpRequest, member_id: ApiId):
    return selectors.member_detail(request=request, pk=member_id)
