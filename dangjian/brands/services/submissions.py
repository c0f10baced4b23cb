"""An organization's brand: the draft, its logo and evidence, submission (a version each time), return.

draft → submitted → (returned → submitted …). Submission needs the five
elements and passes the content-security gate; it writes a version row with
what was submitted, so nothing a reviewer saw is ever lost. The logo is
cleaned by core.uploads.clean_image (PNG or JPEG from the bytes, EXIF dropped,
thumbnail); evidence goes through core.uploads.check_file.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dangjian.core import scoping
from dangjian.core.uploads import CleanImage, check_file, clean_image
from dangjian.orgs.models import Organization, OrgKind

from .. import permissions
from ..conf import BrandsSettings
from ..errors import (
    BadBrand,
    BatchClosed,
    BrandExists,
    CommentRequired,
    ElementMissing,
    NotEditable,
    StaffOnly,
    TooManyFiles,
    WrongBrandState,
)
from ..models import (
    ACTIVE,
    EDITABLE,
    Batch,
    BatchStatus,
    Brand,
    BrandEvent,
    BrandStatus,
    BrandVersion,
    Evidence,
)
from . import gate
from .common import actor, check_text, event, raise_all

TEXT_LIMITS = {
    "name": ("品牌名称", 40),
    "slogan": ("品牌口号", 60),
    "meaning": ("品牌内涵", 2000),
    "vehicle": ("品牌载体", 2000),
    "impact": ("品牌成效", 2000),
}


def _may_manage(by: Any, org: Organization) -> None:
    if by is not None and not scoping.can_manage_org(by, org):
        raise StaffOnly("您无权办理该党组织的品牌申报。")


def _check_texts(texts: dict[str, str], *, draft: bool) -> list[ValidationError]:
    problems: list[ValidationError] = []
    for field, (title, most) in TEXT_LIMITS.items():
        problems += check_text(texts.get(field, ""), field=field, title=title, most=most, required=field == "name")
    return problems


def _clean_logo(logo: bytes | None) -> CleanImage | None:
    if logo is None:
        return None
    return clean_image(logo, max_bytes=BrandsSettings.current().logo_max_bytes, thumbnail_side=240, field="logo")


def _store_logo(brand: Brand, image: CleanImage) -> None:
    stem = f"{timezone.now():%Y%m%d}-{uuid.uuid4().hex}"
    brand.logo.save(f"{stem}{image.extension}", ContentFile(image.data), save=False)
    brand.logo_thumb.save(f"{stem}-thumb{image.extension}", ContentFile(image.thumbnail), save=False)
    brand.logo_type, brand.logo_sha256 = image.content_type, image.sha256
    brand.logo_width, brand.logo_height = image.width, image.height


@transaction.atomic
def brand_create(
    *,
    org: Organization,
    batch: Batch,
    texts: dict[str, str],
    logo: bytes | None = None,
    by: Any = None,
) -> Brand:
    """A new draft brand of ORG in BATCH (one brand an organization: 一支部一品牌)."""
    _may_manage(by, org)
    problems: list[ValidationError] = []
    if batch.status != BatchStatus.OPEN:
        problems.append(BatchClosed(field="batch"))
    if org.kind == OrgKind.COMMITTEE or permissions.committee_of(org).pk != batch.committee_id:
        problems.append(BadBrand("该党组织不属于本批次所在的工委。", field="org"))
    existing = Brand.objects.filter(org=org, status__in=ACTIVE).first()
    if existing is not None:
        problems.append(BrandExists(field="org", org=org.name, name=existing.name))
    problems += _check_texts(texts, draft=True)
    image = None
    try:
        image = _clean_logo(logo)
    except ValidationError as e:
        problems.append(e)
    raise_all(problems)
    brand = Brand(org=org, batch=batch, created_by=actor(by), **{f: (texts.get(f) or "").strip() for f in TEXT_LIMITS})
    if image is not None:
        _store_logo(brand, image)
    brand.save()
    event(brand, BrandEvent.Action.CREATED, by)
    return brand


@transaction.atomic
def brand_update(*, brand: Brand, texts: dict[str, str], logo: bytes | None = None, by: Any = None) -> Brand:
    """Change a draft or a returned brand (a new logo replaces the draft's; submitted versions keep theirs)."""
    brand = Brand.objects.select_for_update(of=("self",)).select_related("org", "batch").get(pk=brand.pk)
    _may_manage(by, brand.org)
    if brand.status not in EDITABLE:
        raise NotEditable(state=brand.get_status_display())
    problems = _check_texts(texts, draft=True)
    image = None
    try:
        image = _clean_logo(logo)
    except ValidationError as e:
        problems.append(e)
    raise_all(problems)
    for f in TEXT_LIMITS:
        setattr(brand, f, (texts.get(f) or "").strip())
    if image is not None:
        _store_logo(brand, image)
    brand.updated_at = timezone.now()
    brand.save()
    event(brand, BrandEvent.Action.SAVED, by, before=brand.status, logo_changed=image is not None)
    return brand


@transaction.atomic
def evidence_add(*, brand: Brand, upload: Any, by: Any = None) -> Evidence:
    brand = Brand.objects.select_for_update(of=("self",)).select_related("org").get(pk=brand.pk)
    _may_manage(by, brand.org)
    conf = BrandsSettings.current()
    if brand.status not in EDITABLE:
        raise NotEditable(state=brand.get_status_display())
    if brand.evidence.filter(removed_at__isnull=True).count() >= conf.max_evidence_files:
        raise TooManyFiles(field="file", most=conf.max_evidence_files)
    checked = check_file(upload, max_bytes=conf.evidence_max_bytes, field="file")
    item = Evidence(
        brand=brand,
        name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        uploaded_by=actor(by),
    )
    stem = f"{timezone.now():%Y%m%d}-{uuid.uuid4().hex}"
    item.file.save(f"{stem}{checked.extension}", checked.upload, save=False)
    item.save()
    return item


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by: Any = None) -> Evidence:
    brand = evidence.brand
    _may_manage(by, brand.org)
    if brand.status not in EDITABLE:
        raise NotEditable(state=brand.get_status_display())
    evidence.removed_at = timezone.now()
    evidence.save(update_fields=["removed_at"])
    return evidence


@transaction.atomic
def brand_submit(*, brand: Brand, by: Any = None) -> BrandVersion:
    """Submit a draft or returned brand: five elements complete, the gate passed; a version row written."""
    brand = Brand.objects.select_for_update(of=("self",)).select_related("org", "batch").get(pk=brand.pk)
    _may_manage(by, brand.org)
    if brand.status not in EDITABLE:
        raise WrongBrandState(state=brand.get_status_display(), action="提交")
    if brand.batch.status != BatchStatus.OPEN and brand.status == BrandStatus.DRAFT:
        raise BatchClosed()
    problems: list[ValidationError] = []
    for field, title in (
        ("name", "品牌名称"),
        ("meaning", "品牌内涵"),
        ("vehicle", "品牌载体"),
        ("impact", "品牌成效"),
    ):
        if not getattr(brand, field).strip():
            problems.append(ElementMissing(field=field, title=title))
    if not brand.logo:
        problems.append(ElementMissing(field="logo", title="品牌标识（Logo）"))
    raise_all(problems)
    brand.scan_findings = gate.check_brand({f: getattr(brand, f) for f in TEXT_LIMITS})
    now = timezone.now()
    before = brand.status
    brand.version_count += 1
    brand.status = BrandStatus.SUBMITTED
    brand.submitted_at = now
    if brand.first_submitted_at is None:
        brand.first_submitted_at = now
    brand.updated_at = now
    brand.save()
    files = brand.evidence.filter(removed_at__isnull=True).order_by("id")
    version = BrandVersion.objects.create(
        brand=brand,
        number=brand.version_count,
        name=brand.name,
        slogan=brand.slogan,
        meaning=brand.meaning,
        vehicle=brand.vehicle,
        impact=brand.impact,
        logo=brand.logo.name or "",
        logo_thumb=brand.logo_thumb.name or "",
        logo_sha256=brand.logo_sha256,
        submitted_at=now,
        submitted_by=actor(by),
        evidence=[{"id": e.pk, "name": e.name, "sha256": e.sha256, "size": e.size} for e in files],
    )
    event(brand, BrandEvent.Action.SUBMITTED, by, before=before, at=now, version=version.number)
    return version


@transaction.atomic
def brand_return(*, brand: Brand, comment: str, by: Any = None) -> Brand:
    """The committee sends a submitted brand back for revision, with its comments."""
    brand = Brand.objects.select_for_update(of=("self",)).select_related("org", "batch").get(pk=brand.pk)
    if by is not None and not permissions.can_decide(by, brand):
        raise StaffOnly()
    if brand.status != BrandStatus.SUBMITTED:
        raise WrongBrandState(state=brand.get_status_display(), action="退回修改")
    comment = (comment or "").strip()
    if len(comment) < 4:
        raise CommentRequired(field="comment")
    if len(comment) > 1000:
        raise BadBrand("退回意见最多 1000 个字。", field="comment")
    brand.status, brand.returned_at = BrandStatus.RETURNED, timezone.now()
    brand.save(update_fields=["status", "returned_at"])
    event(
        brand,
        BrandEvent.Action.RETURNED,
        by,
        before=BrandStatus.SUBMITTED,
        comment=comment,
        version=brand.version_count,
    )
    return brand
