"""Uploaded materials and attachments: the kernel's upload rules (core.uploads), study's kinds and size."""

from __future__ import annotations

from typing import Any, TypeVar

from dangjian.core.uploads import CheckedFile, check_file

from ..conf import StudySettings
from ..models.common import StoredFile

F = TypeVar("F", bound=StoredFile)


def check_upload(uploaded: Any, *, field: str | None = None) -> CheckedFile:
    """UPLOADED if it may be kept as a material or attachment; else a core.uploads.UploadRefused.

    Type from the first bytes (an executable renamed .pdf never passes), size within
    StudySettings.material_max_bytes, kinds StudySettings.material_kinds.
    """
    rules = StudySettings.current()
    return check_file(uploaded, kinds=rules.material_kinds, max_bytes=rules.material_max_bytes, field=field)


def store(record: F, *, uploaded: Any, by: Any) -> F:
    """RECORD (a new material or attachment, its parent set) saved with UPLOADED, once checked."""
    checked = check_upload(uploaded)
    record.name, record.size, record.content_type = checked.name, checked.size, checked.content_type
    record.uploaded_by = by if getattr(by, "is_authenticated", False) else None
    record.file.save(checked.name, checked.upload, save=False)
    record.save()
    return record
