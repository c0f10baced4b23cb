"""The secretary's yearly report (述职报告): text and an optional file, saved as a draft, then submitted.

Filed by the secretary (with an account) or the organization's administrators on
their behalf; the view checks who. Refused once the round is closed and once
submitted; submitting needs the text. The file passes the kernel's upload rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.core.uploads import check_file

from .. import errors
from ..conf import EvaluationSettings
from ..models import ReportStatus, RoundStatus, Subject


@transaction.atomic
def report_save(
    *,
    subject: Subject,
    text: str,
    upload: Any = None,
    submit: bool = False,
    by: Any = None,
    now: dt.datetime | None = None,
) -> Subject:
    """Save SUBJECT's report as a draft, or submit it (SUBMIT): pending → draft → submitted."""
    now = now or timezone.now()
    locked = Subject.objects.select_for_update(of=("self",)).select_related("round").get(pk=subject.pk)
    if locked.round.status != RoundStatus.OPEN or now >= locked.round.deadline:
        raise errors.ReportRoundClosed()
    if locked.report_status == ReportStatus.SUBMITTED:
        raise errors.ReportSubmitted()
    text = text.strip()
    if submit and not text:
        raise errors.ReportEmpty(field="text")
    fields = ["report_text", "report_status", "filed_by"]
    if upload is not None:
        conf = EvaluationSettings.current()
        checked = check_file(upload, kinds=conf.report_kinds, max_bytes=conf.report_max_bytes, field="file")
        locked.report_file.save(checked.name, checked.upload, save=False)
        locked.report_file_name, locked.report_file_size = checked.name, checked.size
        locked.report_file_type, locked.report_file_sha256 = checked.content_type, checked.sha256
        fields += ["report_file", "report_file_name", "report_file_size", "report_file_type", "report_file_sha256"]
    locked.report_text = text
    locked.filed_by = by if getattr(by, "is_authenticated", False) else None
    if locked.drafted_at is None:
        locked.drafted_at = now
        fields.append("drafted_at")
    if submit:
        locked.report_status, locked.submitted_at = ReportStatus.SUBMITTED, now
        fields.append("submitted_at")
    else:
        locked.report_status = ReportStatus.DRAFT
    locked.save(update_fields=fields)
    return locked
