"""Case studies (优秀案例) and research outputs (研究成果): drafting, the shared
submit / return / send-up steps (reports.py), and awards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.orgs.models import Organization

from .. import conf
from ..models import Paper, PaperKind, ReportStatus, Step
from ..models.reports import EDITABLE
from .reports import require_state, step


def _errors(kind: str, year: int, title: str, body: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in PaperKind.values:
        errors["kind"] = ["类别无效。"]
    if not 2000 <= year <= timezone.localdate().year + 1:
        errors["year"] = ["年度无效。"]
    if not title.strip():
        errors["title"] = ["标题不能为空。"]
    if not body.strip():
        errors["body"] = ["正文不能为空。"]
    return errors


@transaction.atomic
def paper_create(
    *, by: Any, kind: str, org: Organization, year: int, title: str, body: str, authors: str = "", summary: str = ""
) -> Paper:
    errors = _errors(kind, year, title, body)
    if errors:
        raise ValidationError(errors)
    paper = Paper.objects.create(
        kind=kind,
        org=org,
        year=year,
        title=title.strip(),
        body=body.strip(),
        authors=authors.strip(),
        summary=summary.strip(),
        drafted_by=by,
    )
    step(paper, Step.Action.CREATED, by)
    return paper


@transaction.atomic
def paper_update(
    *, paper: Paper, by: Any, org: Organization, year: int, title: str, body: str, authors: str = "", summary: str = ""
) -> Paper:
    require_state(paper, EDITABLE, "修改")
    errors = _errors(paper.kind, year, title, body)
    if errors:
        raise ValidationError(errors)
    paper.org, paper.year, paper.title, paper.body = org, year, title.strip(), body.strip()
    paper.authors, paper.summary = authors.strip(), summary.strip()
    paper.save()
    step(paper, Step.Action.EDITED, by)
    return paper


@transaction.atomic
def paper_award(*, paper: Paper, by: Any, level: str, name: str, awarded_on: dt.date) -> Paper:
    """Record an award given to a paper sent up."""
    require_state(paper, (ReportStatus.SENT,), "登记获奖")
    errors: dict[str, list[str]] = {}
    if level not in dict(conf.choices("AWARD_LEVELS")):
        errors["level"] = ["请选择获奖等次。"]
    if not name.strip():
        errors["name"] = ["请填写奖项名称。"]
    if awarded_on > timezone.localdate():
        errors["awarded_on"] = ["获奖日期不能晚于今天。"]
    if errors:
        raise ValidationError(errors)
    paper.award_level, paper.award_name, paper.awarded_on = level, name.strip(), awarded_on
    paper.save()
    step(paper, Step.Action.AWARDED, by, level=level, name=paper.award_name, awarded_on=awarded_on.isoformat())
    return paper
