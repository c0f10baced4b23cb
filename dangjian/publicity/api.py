"""/api/v1/publicity: articles with their history and gate findings, the gate itself,
information reports and the public feed's data.

Scoped like the pages: lists hold only what the caller's roles reach, a single
record out of reach answers a recorded 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import ValidationError as PydanticValidationError
from pydantic import WithJsonSchema

from dangjian.core import scoping
from dangjian.core.api import ApiId, ApiText, answers, choice_schema
from dangjian.core.web import ApiOffset, ApiYear

from . import permissions, selectors
from .models import Article, InfoReport, ReportStatus, Status
from .services import gate

router = Router(tags=["宣传与信息报送"])

MAX_LIMIT = 200


class PublicityFindingOut(Schema):
    kind: str = Field(
        description="seo_spam | name_tampered | hidden_link | hidden_content | broken_html | "
        "unsafe_link | spam_domain | external_link | sensitive_word | content_changed"
    )
    excerpt: str = Field(description="原文中对应的片段（input[start:end]）")
    start: int
    end: int
    severity: str = Field(description="block（拦截）| warn（提示审核人员）")
    message: str = ""
    field: str = Field("", description="title | page_title | body（稿件检查时）")
    category: str = Field("", description="敏感词类别")


class PublicityArticleOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    org_code: str
    org_name: str
    channel: str
    column: str
    author: str
    editor: str = Field(description="编辑")
    reviewer: str | None = Field(description="审核")
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    returned_at: dt.datetime | None
    published_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    scan_verdict: str = Field(description="'' | clean | warned | blocked | overridden")
    flagged: bool = Field(description="已发布稿件复查发现问题（公开网站已隐藏）")


class PublicityEventOut(Schema):
    action: str
    action_label: str
    actor: str | None
    at: dt.datetime
    comment: str


class PublicityArticleDetailOut(PublicityArticleOut):
    page_title: str
    summary: str
    body: str = Field(description="净化后的正文 HTML")
    findings: list[PublicityFindingOut]
    history: list[PublicityEventOut]


class PublicityArticlePage(Schema):
    count: int
    items: list[PublicityArticleOut]


class PublicityArticleQuery(Schema):
    status: Annotated[Status | None, WithJsonSchema(choice_schema(Status, "稿件状态"))] = None
    q: ApiText = Field("", description="标题或作者的一部分")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: ApiOffset = 0


class PublicityScanIn(Schema):
    content: str = Field(description="纯文本或 HTML")
    html: bool | None = Field(None, description="true 按 HTML 检查，false 按纯文本，省略则自动判断")


class PublicityScanOut(Schema):
    verdict: str = Field(description="clean | blocked")
    findings: list[PublicityFindingOut]


class PublicityInfoReportOut(Schema):
    id: int
    title: str
    org_code: str
    org_name: str
    status: str
    status_label: str
    sent_at: dt.datetime | None
    adopted_on: dt.date | None
    adoption_level: str
    adoption_level_label: str


class PublicityInfoReportQuery(Schema):
    status: Annotated[ReportStatus | None, WithJsonSchema(choice_schema(ReportStatus, "报送状态"))] = None
    year: ApiYear | None = Field(None, description="报送年度（未报送的按创建年度）")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: ApiOffset = 0


class PublicityInfoReportPage(Schema):
    count: int
    items: list[PublicityInfoReportOut]


def _article_out(a: Article, cls: type[PublicityArticleOut] = PublicityArticleOut, **extra) -> PublicityArticleOut:
    return cls(
        id=a.pk,
        title=a.title,
        status=a.status,
        status_label=a.get_status_display(),
        org_code=a.org.code,
        org_name=a.org.name,
        channel=a.column.channel.name,
        column=a.column.name,
        author=a.author,
        editor=str(a.editor),
        reviewer=str(a.reviewer) if a.reviewer_id else None,
        created_at=a.created_at,
        submitted_at=a.submitted_at,
        approved_at=a.approved_at,
        returned_at=a.returned_at,
        published_at=a.published_at,
        withdrawn_at=a.withdrawn_at,
        scan_verdict=a.scan_verdict,
        flagged=a.flagged_at is not None,
        **extra,
    )


def _require(request: HttpRequest, roles: tuple[str, ...], model, api: str) -> None:
    if not permissions.paths(request.user, roles):
        raise scoping.deny(request, model, {"api": api}, exists=True)


@router.get(
    "/articles", response=answers(PublicityArticlePage, 404, 422), summary="可见的稿件列表（含编辑、审核和各环节时间）"
)
def list_articles(request: HttpRequest, query: Query[PublicityArticleQuery]):
    _require(request, permissions.ANY, Article, "publicity/articles")
    filters = selectors.ArticleFilters(status=query.status or "", q=query.q.strip()[:50])
    articles = selectors.articles_for(user=request.user, filters=filters)
    page = articles[query.offset : query.offset + query.limit]
    return PublicityArticlePage(count=articles.count(), items=[_article_out(a) for a in page])


@router.get(
    "/articles/{pk}",
    response=answers(PublicityArticleDetailOut, 404, 422),
    summary="一篇稿件：正文、内容安全检查结果和流转记录",
)
def get_article(request: HttpRequest, pk: ApiId):
    a = selectors.article_for(request, pk)
    history = [
        PublicityEventOut(
            action=e.action,
            action_label=e.get_action_display(),
            actor=str(e.actor) if e.actor_id else None,
            at=e.at,
            comment=e.comment,
        )
        for e in selectors.events_of(a)
    ]
    findings = [
        PublicityFindingOut(**{k: f.get(k, "") for k in PublicityFindingOut.model_fields}) for f in a.scan_findings
    ]
    return _article_out(
        a,
        PublicityArticleDetailOut,
        page_title=a.page_title,
        summary=a.summary,
        body=a.body,
        findings=findings,
        history=history,
    )


@router.post(
    "/scan",
    response=answers(PublicityScanOut, 403, 404, 422),
    summary="内容安全检查：检查一段纯文本或 HTML（不保存）",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": PublicityScanIn.model_json_schema()}},
        }
    },
)
def scan(request: HttpRequest):
    # The body is read after the permission check, so a caller without a
    # publicity role learns nothing, not even the shape of the request.
    _require(request, permissions.ANY, Article, "publicity/scan")
    try:
        payload = PublicityScanIn.model_validate_json(request.body or b"{}")
    except PydanticValidationError as e:
        raise HttpError(422, '请求体应为 JSON：{"content": "待检查的文本或 HTML"}') from e
    result = gate.contentsec.scan(payload.content, opts=gate.options(), html=payload.html)
    data = result.as_dict()
    return PublicityScanOut(
        verdict=data["verdict"],
        findings=[
            PublicityFindingOut(**{k: f.get(k, "") for k in PublicityFindingOut.model_fields}) for f in data["findings"]
        ],
    )


@router.get(
    "/info-reports", response=answers(PublicityInfoReportPage, 404, 422), summary="可见的信息报送（含上级采用情况）"
)
def list_info_reports(request: HttpRequest, query: Query[PublicityInfoReportQuery]):
    _require(request, permissions.WRITERS, InfoReport, "publicity/info-reports")
    reports = selectors.info_reports_for(user=request.user, status=query.status or "", year=query.year)
    page = reports[query.offset : query.offset + query.limit]
    return PublicityInfoReportPage(
        count=reports.count(),
        items=[
            PublicityInfoReportOut(
                id=r.pk,
                title=r.title,
                org_code=r.org.code,
                org_name=r.org.name,
                status=r.status,
                status_label=r.get_status_display(),
                sent_at=r.sent_at,
                adopted_on=r.adopted_on,
                adoption_level=r.adoption_level,
                adoption_level_label=r.adoption_level_label(),
            )
            for r in page
        ],
    )
