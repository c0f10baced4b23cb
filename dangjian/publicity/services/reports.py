"""Information reports (信息报送): an organization drafts and submits, committee
staff return or send up, and the upper committee's adoption is recorded.

The same steps serve case studies and research outputs (papers.py): the
helpers here take the record and its subject name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.orgs.models import Organization

from .. import errors, permissions
from ..conf import PublicitySettings
from ..models import InfoReport, Paper, ReportStatus, Step

Record = InfoReport | Paper


def subject_of(record: Record) -> str:
    return "info_report" if isinstance(record, InfoReport) else "paper"


def step(record: Record, action: str, by: Any, comment: str = "", **data: Any) -> Step:
    return Step.objects.create(
        subject=subject_of(record),
        subject_id=record.pk,
        org_id=record.org_id,
        action=action,
        actor=by if getattr(by, "pk", None) else None,
        at=timezone.now(),
        comment=comment,
        data=data,
    )


def steps_of(record: Record):
    return Step.objects.filter(subject=subject_of(record), subject_id=record.pk).select_related("actor")


def text_problems(title: str, body: str) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if not title.strip():
        problems.append(errors.TitleRequired(field="title"))
    if not body.strip():
        problems.append(errors.BodyRequired(field="body"))
    return problems


@transaction.atomic
def info_report_create(*, by: Any, org: Organization, title: str, body: str, author: str = "") -> InfoReport:
    errors.refuse_all(text_problems(title, body))
    report = InfoReport.objects.create(
        org=org, title=title.strip(), body=body.strip(), author=author.strip(), drafted_by=by
    )
    step(report, Step.Action.CREATED, by)
    return report


@transaction.atomic
def info_report_update(
    *, report: InfoReport, by: Any, org: Organization, title: str, body: str, author: str = ""
) -> InfoReport:
    permissions.check_record_step(by, report, "edit")
    errors.refuse_all(text_problems(title, body))
    report.org, report.title, report.body, report.author = org, title.strip(), body.strip(), author.strip()
    report.save()
    step(report, Step.Action.EDITED, by)
    return report


@transaction.atomic
def submit(*, record: Record, by: Any) -> Record:
    """An organization hands a draft to the committee."""
    permissions.check_record_step(by, record, "submit")
    record.status = ReportStatus.SUBMITTED
    record.submitted_at = timezone.now()
    record.save()
    step(record, Step.Action.SUBMITTED, by)
    return record


@transaction.atomic
def return_to_org(*, record: Record, by: Any, comment: str) -> Record:
    permissions.check_record_step(by, record, "return")
    comment = (comment or "").strip()
    if not comment:
        raise errors.ReportCommentRequired(field="comment")
    record.status = ReportStatus.RETURNED
    record.returned_at = timezone.now()
    record.save()
    step(record, Step.Action.RETURNED, by, comment)
    return record


@transaction.atomic
def send_up(*, record: Record, by: Any, at: dt.datetime | None = None) -> Record:
    """The committee sends a submitted record to the upper committee."""
    permissions.check_record_step(by, record, "send")
    record.status = ReportStatus.SENT
    record.sent_at = at or timezone.now()
    if isinstance(record, InfoReport):
        record.sent_by = by
    record.save()
    step(record, Step.Action.SENT, by)
    return record


@transaction.atomic
def info_report_adopt(
    *, report: InfoReport, by: Any, level: str, adopted_on: dt.date, adopted_in: str = ""
) -> InfoReport:
    """Record that the upper committee adopted (采用) a report sent up, and at which level."""
    permissions.check_record_step(by, report, "adopt")
    problems: list[ValidationError] = []
    if level not in dict(PublicitySettings.current().adoption_levels):
        problems.append(errors.AdoptionLevelUnknown(field="level"))
    if report.sent_at and adopted_on < timezone.localtime(report.sent_at).date():
        problems.append(errors.AdoptedBeforeSent(field="adopted_on"))
    if adopted_on > timezone.localdate():
        problems.append(errors.AdoptedInFuture(field="adopted_on"))
    errors.refuse_all(problems)
    report.status = ReportStatus.ADOPTED
    report.adopted_at = report.adopted_at or timezone.now()  # a corrected level keeps the first recording
    report.adoption_level = level
    report.adopted_on = adopted_on
    report.adopted_in = adopted_in.strip()
    report.save()
    step(report, Step.Action.ADOPTED, by, level=level, adopted_on=adopted_on.isoformat(), adopted_in=report.adopted_in)
    return report
