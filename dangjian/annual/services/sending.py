"""Sending a frozen report to the publicity workflow: it becomes an article draft there.

The article is written by publicity's own service (its editor is the sender; its reviewer
approves and publishes it through the content-security gate, and the published page names
both). This app keeps only the article's id.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.core import audit
from dangjian.publicity import selectors as publicity_selectors
from dangjian.publicity import services as publicity

from .. import errors, permissions
from ..models import AnnualReport, Status
from ..selectors.figures import document


def may_send(user: Any, report: AnnualReport) -> bool:
    """Whoever may draft the report and write articles for its organization (see permissions.may_send)."""
    return permissions.may_send(user, report.org)


def columns_for(user: Any) -> Any:
    """The publicity columns USER may publish the report in."""
    return publicity_selectors.column_choices(user=user)


def article_body(report: AnnualReport) -> str:
    """The report as plain lines: each heading and each paragraph one line (publicity makes paragraphs)."""
    doc = document(report)
    lines: list[str] = []
    for s in doc.sections:
        if not s.paragraphs:
            continue
        lines.append(s.heading)
        lines.extend("".join(r.text for r in p) for p in s.paragraphs)
    return "\n".join(lines)


@transaction.atomic
def report_send(*, report: AnnualReport, column: Any, by: Any) -> AnnualReport:
    """Turn the frozen REPORT into an article draft in COLUMN, written by BY; mark the report sent."""
    report = AnnualReport.objects.select_for_update(of=("self",)).select_related("org").get(pk=report.pk)
    if report.is_sent:
        raise errors.AlreadySent()
    if not report.is_frozen:
        raise errors.NotFrozen()
    if column is None:
        raise errors.NoColumn(field="column")
    if not may_send(by, report):
        raise errors.SendRefused("您没有在宣传平台撰写稿件的权限，请由编辑报送。")
    try:
        article = publicity.article_create(
            by=by,
            data=publicity.ArticleData(
                org=report.org,
                column=column,
                title=report.title,
                body=article_body(report),
                summary=f"{report.org.name}{report.year}年度党建工作报告"[:300],
            ),
        )
    except ValidationError as e:
        messages = "；".join(m for m in e.messages)
        raise errors.SendRefused(f"宣传平台未接受该稿件：{messages}", field="column") from e
    report.status = Status.SENT
    report.sent_at = timezone.now()
    report.sent_by = by
    report.article_id = article.pk
    report.save(update_fields=["status", "sent_at", "sent_by", "article_id"])
    audit.record(
        audit.Event.UPDATE,
        actor=by,
        target=report,
        org=report.org_id,
        data={"action": "annual_report_sent", "article": article.pk},
    )
    return report
