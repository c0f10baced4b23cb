"""Uploaded files, one set of rules for every app: type from the bytes, size, images cleaned.

An app accepts evidence files, attachments, logos and photos through here:

- `check_file(upload, kinds=DOCUMENT_KINDS, max_bytes=…)`: the extension must be one of
  KINDS and the first bytes must be what that extension says (a renamed HTML page, an
  executable or an SVG never passes), the size within the cap;
- `clean_image(data, max_bytes=…, max_pixels=…)`: a PNG or JPEG only (never SVG, which can
  carry script), decoded and re-encoded by Pillow so EXIF (camera, GPS position) is dropped,
  with a thumbnail.

Refusals are typed (`UploadRefused` codes: upload_missing, upload_empty, upload_type,
upload_mismatch, upload_too_large, image_invalid, image_too_large) with Chinese messages.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Refusal

MB = 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Office binary formats (and WPS)
_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    signatures: tuple[bytes, ...]  # what the first bytes must start with; () = text, checked apart


KINDS: dict[str, Kind] = {
    k.extension: k
    for k in (
        Kind(".pdf", "application/pdf", (b"%PDF-",)),
        Kind(".doc", "application/msword", (_OLE,)),
        Kind(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (_ZIP,)),
        Kind(".wps", "application/vnd.ms-works", (_OLE, _ZIP)),
        Kind(".ppt", "application/vnd.ms-powerpoint", (_OLE,)),
        Kind(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (_ZIP,)),
        Kind(".xls", "application/vnd.ms-excel", (_OLE,)),
        Kind(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (_ZIP,)),
        Kind(".txt", "text/plain; charset=utf-8", ()),
        Kind(".jpg", "image/jpeg", (_JPEG,)),
        Kind(".jpeg", "image/jpeg", (_JPEG,)),
        Kind(".png", "image/png", (_PNG,)),
    )
}
IMAGE_KINDS = (".jpg", ".jpeg", ".png")
DOCUMENT_KINDS = tuple(KINDS)  # evidence files: PDF, Office, text and images
DEFAULT_MAX_BYTES = 20 * MB


class UploadRefused(Refusal):
    code = "upload_refused"
    message = "上传的文件未能接收。"


class UploadMissing(UploadRefused):
    code = "upload_missing"
    message = "请选择要上传的文件。"


class UploadEmpty(UploadRefused):
    code = "upload_empty"
    message = "上传的文件是空的。"


class UploadType(UploadRefused):
    code = "upload_type"


class UploadMismatch(UploadRefused):
    code = "upload_mismatch"


class UploadTooLarge(UploadRefused):
    code = "upload_too_large"


class ImageInvalid(UploadRefused):
    code = "image_invalid"
    message = "图片无法识别：只接受 PNG 或 JPEG 图片（不接受 SVG 等可携带脚本的格式）。"


class ImageTooLarge(UploadRefused):
    code = "image_too_large"


@dataclass(frozen=True)
class CheckedFile:
    name: str  # the uploaded name, base name only, clipped to 200 characters (shown, never used as a path)
    extension: str
    size: int
    content_type: str
    sha256: str
    upload: Any


def _megabytes(n: int) -> str:
    return f"{n / MB:.1f}".rstrip("0").rstrip(".")


def check_file(
    upload: Any,
    *,
    kinds: tuple[str, ...] = DOCUMENT_KINDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    field: str | None = None,
) -> CheckedFile:
    """UPLOAD (a Django UploadedFile) if it may be kept, else an UploadRefused naming why."""
    name = Path(getattr(upload, "name", "") or "").name.strip()
    if upload is None or not name:
        raise UploadMissing(field=field)
    suffix = Path(name).suffix.lower()
    if suffix not in kinds or suffix not in KINDS:
        allowed = "、".join(k.lstrip(".") for k in kinds)
        raise UploadType(f"不支持“{suffix or '无扩展名'}”类型的文件，只能上传：{allowed}。", field=field)
    size = int(getattr(upload, "size", 0) or 0)
    if size > max_bytes:
        raise UploadTooLarge(f"文件过大（{_megabytes(size)} MB），上限为 {_megabytes(max_bytes)} MB。", field=field)
    if size == 0:
        raise UploadEmpty(field=field)
    upload.seek(0)
    digest = hashlib.sha256()
    head = b""
    for chunk in upload.chunks():
        if not head:
            head = chunk[:4096]
        digest.update(chunk)
    upload.seek(0)
    if not content_matches(suffix, head):
        raise UploadMismatch(f"文件“{name[:60]}”的内容与扩展名不符，可能已损坏或被改名，未保存。", field=field)
    return CheckedFile(
        name=name[:200],
        extension=suffix,
        size=size,
        content_type=KINDS[suffix].content_type,
        sha256=digest.hexdigest(),
        upload=upload,
    )


def content_matches(suffix: str, head: bytes) -> bool:
    """Whether the first bytes HEAD are what a file ending in SUFFIX must start with."""
    kind = KINDS.get(suffix)
    if kind is None:
        return False
    if not kind.signatures:  # plain text: no NUL, decodes as UTF-8 or GB18030, and is not markup
        if b"\x00" in head or head.lstrip()[:1] == b"<":
            return False
        for encoding in ("utf-8", "gb18030"):
            try:
                head.decode(encoding)
                return True
            except UnicodeDecodeError as e:
                if e.start >= len(head) - 4:  # a character cut at the end of the sample
                    return True
        return False
    return head.startswith(kind.signatures)


@dataclass(frozen=True)
class CleanImage:
    data: bytes  # re-encoded, metadata dropped
    thumbnail: bytes
    extension: str  # ".png" or ".jpg"
    content_type: str
    width: int
    height: int
    sha256: str


def clean_image(
    data: bytes,
    *,
    max_bytes: int = 5 * MB,
    max_pixels: int = 40_000_000,
    max_side: int = 4096,
    thumbnail_side: int = 320,
    field: str | None = None,
) -> CleanImage:
    """DATA decoded as a PNG or JPEG and written again without metadata, with a thumbnail.

    The type comes from the bytes, never the file name; anything Pillow cannot
    open as PNG or JPEG (SVG, HTML, a truncated file, a decompression bomb) is refused.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > max_bytes:
        raise ImageTooLarge(f"图片过大（{_megabytes(len(data))} MB），上限为 {_megabytes(max_bytes)} MB。", field=field)
    if not (data.startswith(_PNG) or data.startswith(_JPEG)):
        raise ImageInvalid(field=field)
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ("PNG", "JPEG"):
                raise ImageInvalid(field=field)
            if probe.width * probe.height > max_pixels:
                raise ImageTooLarge(f"图片尺寸过大（{probe.width}×{probe.height}）。", field=field)
            probe.load()
            image = ImageOps.exif_transpose(probe)  # keep the orientation the camera meant, then drop EXIF
            fmt = probe.format
    except Image.DecompressionBombError:
        raise ImageTooLarge("图片尺寸过大。", field=field) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageInvalid(field=field) from None
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side))
    if fmt == "JPEG":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    out, thumb = io.BytesIO(), io.BytesIO()
    save: dict[str, Any] = {"format": fmt, "optimize": True}
    if fmt == "JPEG":
        save["quality"] = 88
    image.save(out, **save)  # no exif= / pnginfo=: metadata is not copied
    small = image.copy()
    small.thumbnail((thumbnail_side, thumbnail_side))
    small.save(thumb, **save)
    cleaned = out.getvalue()
    return CleanImage(
        data=cleaned,
        thumbnail=thumb.getvalue(),
        extension=".png" if fmt == "PNG" else ".jpg",
        content_type="image/png" if fmt == "PNG" else "image/jpeg",
        width=image.width,
        height=image.height,
        sha256=hashlib.sha256(cleaned).hexdigest(),
    )
