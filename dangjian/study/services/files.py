"""Uploaded materials and attachments: the kernel's upload rules (core.uploads), study's kinds and size."""

from __future__ import annotations

from typing import Any

from dangjian.core.uploads import CheckedFile, check_file

from ..conf import StudySettings


def check_upload(uploaded: Any, *, field: str | None = None) -> CheckedFile:
    """UPLOADED if it may be kept as a material or attachment; else a core.uploads.UploadRefused.

    Type from the first bytes (an executable renamed .pdf never passes), size within
    StudySettings.material_max_bytes, kinds StudySettings.material_kinds.
    """
    rules = StudySettings.current()
    return check_file(uploaded, kinds=rules.material_kinds, max_bytes=rules.material_max_bytes, field=field)
