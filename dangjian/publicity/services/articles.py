"""The article workflow: draft → submitted → approved | returned → published → withdrawn.

Each function is one step: it checks the state it starts from, writes the
status and the step's timestamp, and leaves an ArticleEvent. Submitting and
publishing pass through the content-security gate (gate.py) and answer with a
GateOutcome: a blocked step is recorded (the history shows it) rather than
rolled back. Whether a user may take a step now (their role, the article's
state, an editor never approving their own article) is one rule,
permissions.article_refusal: each step starts with it, and the article's
page shows its buttons from the same rule. Refusals are errors.py's classes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.core import tree
from dangjian.core.errors import combine
from dangjian.orgs.models import Organization

from .. import errors, permissions
from ..models import Article, ArticleEvent, Column, SpecialPage, Status
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
    problems: list[ValidationError] = []
    data.title = data.title.strip()
    if not data.title:
        problems.append(errors.TitleRequired(field="title"))
    if not data.column.is_active or not data.column.channel.is_active:
        problems.append(errors.ColumnInactive(field="column"))
    if not tree.is_within(data.org.path, [data.column.channel.org.path]):
        problems.append(
            errors.ColumnOfAnotherOrg(field="column", column=str(data.column), host=data.column.channel.org.name)
        )
    if data.special_page is not None and data.special_page.channel_id != data.column.channel_id:
        problems.append(errors.SpecialPageOfAnotherChannel(field="special_page"))
    data.body = paragraphs_from_text(data.body)
    found = input_problems(data.body)
    if found:
        listed = "；".join(f"{p.message}（{p.excerpt[:60]}）" for p in found[:5])
        problems.append(errors.SuspiciousBody(field="body", listed=listed))
    error = combine(problems)
    if error is not None:
        raise error
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
    permissions.check_article_step(by, article, "edit")
    data = _validate(data)
    changed = _apply(article, data)
    if changed:
        article.save()
        event(article, Action.EDITED, by, fields=changed)
    return article


@transaction.atomic
def article_submit(*, article: Article, by: Any) -> GateOutcome:
    """Send a draft to review, if the gate lets it through."""
    permissions.check_article_step(by, article, "submit")
    if not article.body.strip():
        raise errors.BodyRequired(field="body")
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
    permissions.check_article_step(by, article, "approve")
    if not article.scan_is_current or article.scan_verdict == "blocked":
        outcome = check(article)
        article.save()
        if not outcome.passed:
            raise errors.GateBlocked()
    article.status = Status.APPROVED
    article.approved_at = timezone.now()
    article.reviewer = by
    article.save()
    event(article, Action.APPROVED, by)
    return article


@transaction.atomic
def article_return(*, article: Article, by: Any, comment: str) -> Article:
    permissions.check_article_step(by, article, "return")
    comment = (comment or "").strip()
    if not comment:
        raise errors.CommentRequired(field="comment")
    article.status = Status.RETURNED
    article.returned_at = timezone.now()
    article.reviewer = None
    article.save()
    event(article, Action.RETURNED, by, comment)
    return article


@transaction.atomic
def article_publish(*, article: Article, by: Any, at: dt.datetime | None = None) -> GateOutcome:
    """Publish an approved article after checking it once more."""
    permissions.check_article_step(by, article, "publish")
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
    permissions.check_article_step(by, article, "withdraw")
    reason = (reason or "").strip()
    if not reason:
        raise errors.ReasonRequired(field="comment")
    article.status = Status.WITHDRAWN
    article.withdrawn_at = timezone.now()
    article.save()
    event(article, Action.WITHDRAWN, by, reason)
    return article


def _brief(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"kind": f["kind"], "excerpt": str(f["excerpt"])[:80], "field": f.get("field", "")} for f in findings]
