"""Case studies (优秀案例) and research outputs (研究成果): drafting, the shared
submit / return / send-up steps (reports.py), and awards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.orgs.models import Organization

from .. import errors, permissions
from ..conf import PublicitySettings
from ..models import Paper, PaperKind, Step
from .reports import step, text_problems


def _problems(kind: str, year: int, title: str, body: str) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if kind not in PaperKind.values:
        problems.append(errors.PaperKindUnknown(field="kind"))
    if not 2000 <= year <= timezone.localdate().year + 1:
        problems.append(errors.PaperYearInvalid(field="year"))
    return [*problems, *text_problems(title, body)]


@transaction.atomic
def paper_create(
    *, by: Any, kind: str, org: Organization, year: int, title: str, body: str, authors: str = "", summary: str = ""
) -> Paper:
    errors.refuse_all(_problems(kind, year, title, body))
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
    permissions.check_record_step(by, paper, "edit")
    errors.refuse_all(_problems(paper.kind, year, title, body))
    paper.org, paper.year, paper.title, paper.body = org, year, title.strip(), body.strip()
    paper.authors, paper.summary = authors.strip(), summary.strip()
    paper.save()
    step(paper, Step.Action.EDITED, by)
    return paper


@transaction.atomic
def paper_award(*, paper: Paper, by: Any, level: str, name: str, awarded_on: dt.date) -> Paper:
    """Record an award given to a paper sent up."""
    permissions.check_record_step(by, paper, "award")
    problems: list[ValidationError] = []
    if level not in dict(PublicitySettings.current().award_levels):
        problems.append(errors.AwardLevelUnknown(field="level"))
    if not name.strip():
        problems.append(errors.AwardNameRequired(field="name"))
    if awarded_on > timezone.localdate():
        problems.append(errors.AwardedInFuture(field="awarded_on"))
    errors.refuse_all(problems)
    paper.award_level, paper.award_name, paper.awarded_on = level, name.strip(), awarded_on
    paper.save()
    step(paper, Step.Action.AWARDED, by, level=level, name=paper.award_name, awarded_on=awarded_on.isoformat())
    return paper
