"""The article workflow: draft → submitted → approved | returned → published → withdrawn.

Each function is one step: it checks the state it starts from, writes the
status and the step's timestamp, and leaves an ArticleEvent. Submitting and
publishing pass through the content-security gate (gate.py) and answer with a
GateOutcome: a blocked step is recorded (the history shows it) rather than
rolled back. Views check who may act (access.py); the rules of the workflow
itself, such as an editor never approving their own article, live here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.core import tree
from dangjian.orgs.models import Organization

from ..models import Article, ArticleEvent, Column, SpecialPage, Status
from ..models.articles import EDITABLE
from ..sanitize import clean_html, paragraphs_from_text
from .gate import GateOutcome, check, event, input_problems

Action = ArticleEvent.Action


@dataclass
class ArticleData:
    org: Organization
    column: Column
    title: str
    body: str  # as typed or pasted; cleaned here
    page_title: str = ""
    summary: str = ""
    author: str = ""
    special_page: SpecialPage | None = None


def _validate(data: ArticleData) -> ArticleData:
    errors: dict[str, list[str]] = {}
    data.title = data.title.strip()
    if not data.title:
        errors.setdefault("title", []).append("标题不能为空。")
    if not data.column.is_active or not data.column.channel.is_active:
        errors.setdefault("column", []).append("该专栏已停用。")
    if not tree.is_within(data.org.path, [data.column.channel.org.path]):
        errors.setdefault("column", []).append(
            f"“{data.column}”由{data.column.channel.org.name}主办，不接收该单位的稿件。"
        )
    if data.special_page is not None and data.special_page.channel_id != data.column.channel_id:
        errors.setdefault("special_page", []).append("所选专版不属于该专栏所在的渠道。")
    data.body = paragraphs_from_text(data.body)
    problems = input_problems(data.body)
    if problems:
        listed = "；".join(f"{p.message}（{p.excerpt[:60]}）" for p in problems[:5])
        errors.setdefault("body", []).append(f"正文含有隐藏链接或可疑结构，未保存。请核对来源、删除后再保存：{listed}")
    if errors:
        raise ValidationError(errors)
    data.body = clean_html(data.body)
    return data


def _apply(article: Article, data: ArticleData) -> list[str]:
    changed = []
    for name in ("org", "column", "special_page"):
        value = getattr(data, name)
        if getattr(article, f"{name}_id") != (value.pk if value is not None else None):
            changed.append(name)
            setattr(article, name, value)
    for name in ("title", "body", "page_title", "summary", "author"):
        value = getattr(data, name)
        value = value if name == "body" else value.strip()
        if getattr(article, name) != value:
            changed.append(name)
            setattr(article, name, value)
    return changed


@transaction.atomic
def article_create(*, by: Any, data: ArticleData) -> Article:
    data = _validate(data)
    article = Article(editor=by, status=Status.DRAFT)
    _apply(article, data)
    article.save()
    event(article, Action.CREATED, by)
    return article


@transaction.atomic
def article_update(*, article: Article, by: Any, data: ArticleData) -> Article:
    _require(article, EDITABLE, "修改")
    data = _validate(data)
    changed = _apply(article, data)
    if changed:
        article.save()
        event(article, Action.EDITED, by, fields=changed)
    return article


def _require(article: Article, states: tuple[str, ...], verb: str) -> None:
    if article.status not in states:
        raise ValidationError(f"稿件当前为“{article.get_status_display()}”，不能{verb}。")


@transaction.atomic
def article_submit(*, article: Article, by: Any) -> GateOutcome:
    """Send a draft to review, if the gate lets it through."""
    _require(article, EDITABLE, "提交审核")
    if not article.body.strip():
        raise ValidationError({"body": ["正文不能为空。"]})
    outcome = check(article)
    if not outcome.passed:
        article.save()
        event(article, Action.SUBMIT_BLOCKED, by, findings=_brief(outcome.blocking))
        return outcome
    article.status = Status.SUBMITTED
    article.submitted_at = timezone.now()
    article.reviewer = None
    article.save()
    event(article, Action.SUBMITTED, by, warnings=len(outcome.warnings))
    return outcome


@transaction.atomic
def article_approve(*, article: Article, by: Any) -> Article:
    _require(article, (Status.SUBMITTED,), "审核通过")
    if article.editor_id == getattr(by, "pk", None):
        raise ValidationError("编辑不能审核自己的稿件，请由其他审核人员审核。")
    if not article.scan_is_current or article.scan_verdict == "blocked":
        outcome = check(article)
        article.save()
        if not outcome.passed:
            raise ValidationError("内容安全检查未通过，请退回修改或由审核人员确认放行后再审核。")
    article.status = Status.APPROVED
    article.approved_at = timezone.now()
    article.reviewer = by
    article.save()
    event(article, Action.APPROVED, by)
    return article


@transaction.atomic
def article_return(*, article: Article, by: Any, comment: str) -> Article:
    _require(article, (Status.SUBMITTED, Status.APPROVED), "退回")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": ["请填写退回意见，告诉编辑需要修改什么。"]})
    article.status = Status.RETURNED
    article.returned_at = timezone.now()
    article.reviewer = None
    article.save()
    event(article, Action.RETURNED, by, comment)
    return article


@transaction.atomic
def article_publish(*, article: Article, by: Any, at: dt.datetime | None = None) -> GateOutcome:
    """Publish an approved article after checking it once more."""
    _require(article, (Status.APPROVED,), "发布")
    outcome = check(article)
    if not outcome.passed:
        article.save()
        event(article, Action.PUBLISH_BLOCKED, by, findings=_brief(outcome.blocking))
        return outcome
    article.status = Status.PUBLISHED
    article.published_at = at or timezone.now()
    article.published_hash = article.content_hash()
    article.flagged_at = None
    article.save()
    event(article, Action.PUBLISHED, by)
    return outcome


@transaction.atomic
def article_withdraw(*, article: Article, by: Any, reason: str) -> Article:
    _require(article, (Status.PUBLISHED,), "撤回")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"comment": ["请填写撤回原因。"]})
    article.status = Status.WITHDRAWN
    article.withdrawn_at = timezone.now()
    article.save()
    event(article, Action.WITHDRAWN, by, reason)
    return article


def _brief(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"kind": f["kind"], "excerpt": str(f["excerpt"])[:80], "field": f.get("field", "")} for f in findings]
