"""The brand API (/api/v1/brands): the brands one may see, one brand with its history, a batch's ranking.

Scoped like the pages: the brands of the subtrees the caller oversees; a batch's
ranking for its committee's staff and reviewers; anything else is a recorded 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dangjian.core import scoping
from dangjian.core.api import ApiId, ApiText, answers
from dangjian.core.api.params import INT_MAX
from dangjian.core.web import ApiOffset

from .. import permissions, selectors
from ..models import Batch, Brand, BrandStatus
from ..views.common import batch_or_404, brand_or_404

router = Router(tags=["党建品牌"])
MAX_LIMIT = 200


class BrandsOut(Schema):
    id: int
    org_code: str
    org_name: str
    name: str
    slogan: str
    batch: str
    status: str
    status_label: str
    first_submitted_at: dt.datetime | None
    recognized_at: dt.datetime | None
    certificate_no: str
    versions: int


class BrandsEventOut(Schema):
    action: str
    label: str
    from_status: str
    to_status: str
    comment: str
    at: dt.datetime


class BrandsDetailOut(BrandsOut):
    meaning: str
    vehicle: str
    impact: str
    events: list[BrandsEventOut]


class BrandsPage(Schema):
    count: int
    offset: int
    limit: int
    items: list[BrandsOut]


class BrandsListQuery(Schema):
    org: ApiText = ""
    status: ApiText = ""
    batch: int | None = Field(None, ge=1, le=INT_MAX)
    offset: ApiOffset = 0
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


class BrandsRankOut(Schema):
    brand_id: int
    org_name: str
    name: str
    rank: int | None
    tied: bool
    mean: Decimal | None
    reviewers: int
    status: str


def _out(b: Brand) -> BrandsOut:
    return BrandsOut(
        id=b.pk,
        org_code=b.org.code,
        org_name=b.org.name,
        name=b.name,
        slogan=b.slogan,
        batch=str(b.batch),
        status=b.status,
        status_label=str(b.get_status_display()),
        first_submitted_at=b.first_submitted_at,
        recognized_at=b.recognized_at,
        certificate_no=b.certificate_no,
        versions=b.version_count,
    )


def _require(request: HttpRequest) -> None:
    if not permissions.uses_brands(request.user):
        raise scoping.deny(request, Brand, {"api": "brands"}, exists=True)


@router.get("/", response=answers(BrandsPage, 404, 422), url_name="brands_list", summary="党建品牌")
def brands_list(request: HttpRequest, query: Query[BrandsListQuery]) -> BrandsPage:
    _require(request)
    org = scoping.get_visible_or_404(request, scoping.visible_orgs(request.user), code=query.org) if query.org else None
    batch = None
    if query.batch is not None:
        batch = scoping.get_visible_or_404(request, selectors.visible_batches(request.user), pk=query.batch)
    status = query.status if query.status in (*BrandStatus.values, "listed") else ""
    rows = selectors.brand_rows(request.user, selectors.BrandFilters(org=org, batch=batch, status=status))
    limit, offset = max(1, min(query.limit, MAX_LIMIT)), max(0, query.offset)
    return BrandsPage(
        count=rows.count(), offset=offset, limit=limit, items=[_out(b) for b in rows[offset : offset + limit]]
    )


@router.get(
    "/{brand_id}",
    response=answers(BrandsDetailOut, 404, 422),
    url_name="brands_get",
    summary="一个党建品牌及其全部记录",
)
def brands_get(request: HttpRequest, brand_id: ApiId) -> BrandsDetailOut:
    _require(request)
    b = brand_or_404(request, brand_id)
    events = [
        BrandsEventOut(
            action=e.action,
            label=str(e.get_action_display()),
            from_status=e.from_status,
            to_status=e.to_status,
            comment=e.comment,
            at=e.at,
        )
        for e in b.events.order_by("at", "id")
    ]
    return BrandsDetailOut(**_out(b).dict(), meaning=b.meaning, vehicle=b.vehicle, impact=b.impact, events=events)


@router.get(
    "/batches/{batch_id}/ranking",
    response=answers(list[BrandsRankOut], 403, 404, 422),
    url_name="brands_ranking",
    summary="批次评审排名（并列名次）",
)
def brands_ranking(request: HttpRequest, batch_id: ApiId) -> list[BrandsRankOut]:
    _require(request)
    batch: Batch = batch_or_404(request, batch_id)
    if not (
        permissions.runs_committee(request.user, batch.committee_id) or permissions.is_reviewer(request.user, batch)
    ):
        raise scoping.deny(request, Batch, {"pk": batch_id, "action": "ranking"}, exists=True, org=batch.committee_id)
    return [
        BrandsRankOut(
            brand_id=r.brand.pk,
            org_name=r.brand.org.name,
            name=r.brand.name,
            rank=r.rank,
            tied=r.tied,
            mean=r.mean,
            reviewers=r.count,
            status=r.brand.status,
        )
        for r in selectors.batch_ranking(batch)
    ]
