"""Checking uploaded materials and attachments: size, extension, and that the content is what the name says."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import conf
from ..errors import FileEmpty, FileMismatch, FileTooBig, FileTypeRefused, NoFile

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Office binary formats (and WPS)
# What the first bytes of each kind of file must be.
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": (_ZIP,),
    ".pptx": (_ZIP,),
    ".xlsx": (_ZIP,),
    ".doc": (_OLE,),
    ".ppt": (_OLE,),
    ".xls": (_OLE,),
    ".wps": (_OLE, _ZIP),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".wps": "application/vnd.ms-works",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".txt": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    size: int
    content_type: str
    upload: Any


def check_upload(uploaded: Any) -> CheckedFile:
    """UPLOADED if it may be kept; else ValidationError with a Chinese reason."""
    name = Path(getattr(uploaded, "name", "") or "").name.strip()
    if uploaded is None or not name:
        raise NoFile()
    suffix = Path(name).suffix.lower()
    allowed = tuple(conf.get("MATERIAL_EXTENSIONS"))
    if suffix not in allowed:
        raise FileTypeRefused(suffix=suffix or "无扩展名", allowed="、".join(allowed))
    limit = int(conf.get("MATERIAL_MAX_BYTES"))
    if uploaded.size > limit:
        raise FileTooBig(size=uploaded.size / 1024 / 1024, limit=limit / 1024 / 1024)
    if uploaded.size == 0:
        raise FileEmpty()
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    if not _content_matches(suffix, head):
        raise FileMismatch(name=name)
    return CheckedFile(name=name[:200], size=uploaded.size, content_type=CONTENT_TYPES.get(suffix, ""), upload=uploaded)


def _content_matches(suffix: str, head: bytes) -> bool:
    if suffix == ".txt":
        if b"\x00" in head:
            return False
        for encoding in ("utf-8", "gb18030"):
            try:
                head.decode(encoding)
                return True
            except UnicodeDecodeError as e:
                if e.start >= len(head) - 4:  # a character cut at the end of the sample
                    return True
        return False
    return head.startswith(_SIGNATURES.get(suffix, (b"",)))
