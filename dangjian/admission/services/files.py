"""The documents of a case: checked by core.uploads.check_file before anything is written, then stored
under a generated name (never the uploaded one). Callers check first and save last, inside their transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from dangjian.core.uploads import CheckedFile, check_file

from .. import errors
from ..conf import AdmissionSettings
from ..models import Case, CaseFile, Step
from .common import actor


def files_checked(uploads: Sequence[Any], *, already: int = 0) -> list[CheckedFile]:
    """UPLOADS if every one may be kept (ALREADY: files the step keeps besides them); else the first refusal."""
    conf = AdmissionSettings.current()
    if already + len(uploads) > conf.max_files_per_step:
        raise errors.TooManyFiles(f"每个步骤最多上传{conf.max_files_per_step}份材料。", field="files")
    return [check_file(u, kinds=conf.file_kinds, max_bytes=conf.file_max_bytes, field="files") for u in uploads]


def files_save(case: Case, step: Step | None, checked: Sequence[CheckedFile], by: Any) -> list[CaseFile]:
    saved = []
    for c in checked:
        item = CaseFile(
            case=case,
            step=step,
            name=c.name,
            size=c.size,
            content_type=c.content_type,
            sha256=c.sha256,
            uploaded_by=actor(by),
        )
        item.file.save(f"{timezone.now():%Y%m%d}-{uuid.uuid4().hex}{c.extension}", c.upload, save=False)
        item.save()
        saved.append(item)
    return saved
