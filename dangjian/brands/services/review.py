"""Review and selection in a batch: scores on the rubric, on-site visits, the selection on notice,
recognition after the notice.

open → reviewing (`batch_start_review`: no new submissions) → notice
(`batch_select`: the chosen brands 拟认定, the others 未入选, a public notice
of N working days) → recognized (`batch_recognize`, refused before the notice
ends: the chosen brands 已认定, each with a certificate number).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dangjian.core.uploads import CleanImage, clean_image
from dangjian.people.selectors.for_apps import person_of

from .. import permissions
from ..conf import BrandsSettings
from ..errors import (
    BadScore,
    BadVisit,
    NothingSelected,
    NoticeNotOver,
    NotInBatch,
    NotReviewer,
    OwnUnit,
    StaffOnly,
    WrongBatchState,
    WrongBrandState,
)
from ..models import Batch, BatchStatus, Brand, BrandEvent, BrandStatus, Reviewer, Score, SiteVisit, VisitPhoto
from .common import actor, after_working_days, event, raise_all, require_staff

IN_REVIEW = (BrandStatus.SUBMITTED,)


def _batch_locked(batch: Batch) -> Batch:
    return Batch.objects.select_for_update(of=("self",)).select_related("stage__plan").get(pk=batch.pk)


@transaction.atomic
def batch_start_review(*, batch: Batch, by: Any = None) -> Batch:
    batch = _batch_locked(batch)
    require_staff(by, batch.committee_id)
    if batch.status != BatchStatus.OPEN:
        raise WrongBatchState(state=batch.get_status_display(), action="开始评审")
    batch.status, batch.reviewing_at = BatchStatus.REVIEWING, timezone.now()
    batch.save(update_fields=["status", "reviewing_at"])
    return batch


def own_unit_of(reviewer_user: Any, brand: Brand) -> str | None:
    """The unit REVIEWER_USER shares with BRAND's organization (they must stand aside), if any."""
    person = person_of(reviewer_user)
    if person is None or person.unit_id is None:
        return None
    if brand.org.units.filter(pk=person.unit_id).exists():
        return person.unit.name if person.unit else ""
    return None


def _points(raw: Any, title: str, most: int, field: str) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise BadScore(field=field, title=title, most=most) from None
    if not value.is_finite() or value < 0 or value > most or value != value.quantize(Decimal("0.1")):
        raise BadScore(field=field, title=title, most=most)
    return value


@transaction.atomic
def score_record(*, brand: Brand, parts: Mapping[str, Any], opinion: str = "", by: Any) -> Score:
    """BY (a reviewer of the brand's batch) scores BRAND on the batch's rubric (a second call replaces it)."""
    brand = Brand.objects.select_for_update(of=("self",)).select_related("org", "batch").get(pk=brand.pk)
    batch = brand.batch
    reviewer = Reviewer.objects.filter(batch=batch, user=by).first() if by is not None else None
    if reviewer is None:
        raise NotReviewer()
    if batch.status != BatchStatus.REVIEWING:
        raise WrongBatchState(state=batch.get_status_display(), action="评分")
    if brand.status not in IN_REVIEW:
        raise WrongBrandState(state=brand.get_status_display(), action="评分")
    unit = own_unit_of(by, brand)
    if unit is not None:
        raise OwnUnit(unit=unit)
    problems: list[ValidationError] = []
    values: dict[str, str] = {}
    total = Decimal(0)
    known = {k for k, _, _ in batch.rubric_items()}
    if set(parts) - known:
        problems.append(BadScore("评分项与本批次评分细则不符，请刷新页面后重新填写。", title="", most=0))
    for key, title, most in batch.rubric_items():
        raw = parts.get(key)
        if raw is None or str(raw).strip() == "":
            problems.append(BadScore(f"请为“{title}”打分（0–{most} 分）。", field=f"s_{key}", title=title, most=most))
            continue
        try:
            value = _points(raw, title, most, f"s_{key}")
        except ValidationError as e:
            problems.append(e)
            continue
        values[key] = str(value)
        total += value
    opinion = (opinion or "").strip()
    if len(opinion) > 1000:
        problems.append(BadScore("评审意见最多 1000 个字。", field="opinion", title="", most=0))
    raise_all(problems)
    score, created = Score.objects.update_or_create(
        brand=brand,
        reviewer=reviewer,
        defaults={"parts": values, "total": total, "opinion": opinion, "scored_at": timezone.now()},
    )
    event(brand, BrandEvent.Action.SCORED, by, before=brand.status, reviewer=reviewer.pk, replaced=not created)
    return score


def _clean_photos(photos: Sequence[bytes]) -> list[CleanImage]:
    conf = BrandsSettings.current()
    return [clean_image(p, max_bytes=conf.photo_max_bytes, field="photos") for p in photos]


@transaction.atomic
def visit_record(
    *,
    brand: Brand,
    visited_on: dt.date | None,
    visitors: str,
    note: str,
    photos: Sequence[bytes] = (),
    by: Any = None,
    today: dt.date | None = None,
) -> SiteVisit:
    """An on-site visit (实地考察) to BRAND's organization, with photos (cleaned, EXIF dropped)."""
    today = today or timezone.localdate()
    if by is not None and not permissions.can_decide(by, brand):
        raise StaffOnly()
    problems: list[ValidationError] = []
    if visited_on is None:
        problems.append(BadVisit("请填写考察日期。", field="visited_on"))
    elif visited_on > today:
        problems.append(BadVisit("考察日期不能晚于今天。", field="visited_on"))
    visitors = (visitors or "").strip()
    if not visitors or len(visitors) > 100:
        problems.append(BadVisit("请填写考察人员（最多 100 个字）。", field="visitors"))
    note = (note or "").strip()
    if not note:
        problems.append(BadVisit("请填写考察情况。", field="note"))
    if len(photos) > 12:
        problems.append(BadVisit("一次最多上传 12 张照片。", field="photos"))
    cleaned: list[CleanImage] = []
    try:
        cleaned = _clean_photos(photos[:12])
    except ValidationError as e:
        problems.append(e)
    raise_all(problems)
    assert visited_on is not None
    visit = SiteVisit.objects.create(
        brand=brand, visited_on=visited_on, visitors=visitors, note=note, recorded_by=actor(by)
    )
    now = timezone.now()
    for image in cleaned:
        stem = f"{now:%Y%m%d}-{uuid.uuid4().hex}"
        photo = VisitPhoto(
            visit=visit,
            content_type=image.content_type,
            width=image.width,
            height=image.height,
            size=len(image.data),
            sha256=image.sha256,
        )
        photo.file.save(f"{stem}{image.extension}", ContentFile(image.data), save=False)
        photo.thumbnail.save(f"{stem}-thumb{image.extension}", ContentFile(image.thumbnail), save=False)
        photo.save()
    event(brand, BrandEvent.Action.VISITED, by, before=brand.status, visit=visit.pk, photos=len(cleaned))
    return visit


@transaction.atomic
def batch_select(
    *, batch: Batch, brand_ids: Iterable[int], notice_text: str = "", by: Any = None, today: dt.date | None = None
) -> Batch:
    """The committee's selection: the chosen submitted brands go on public notice (拟认定), the rest 未入选."""
    today = today or timezone.localdate()
    batch = _batch_locked(batch)
    require_staff(by, batch.committee_id)
    if batch.status != BatchStatus.REVIEWING:
        raise WrongBatchState(state=batch.get_status_display(), action="确定拟认定名单")
    chosen = set(int(i) for i in brand_ids)
    if not chosen:
        raise NothingSelected()
    candidates = {b.pk: b for b in batch.brands.select_for_update(of=("self",)).filter(status__in=IN_REVIEW)}
    if chosen - set(candidates):
        raise NotInBatch()
    now = timezone.now()
    days = BrandsSettings.current().notice_working_days
    for pk, brand in candidates.items():
        before = brand.status
        if pk in chosen:
            brand.status, brand.selected_at = BrandStatus.SELECTED, now
            brand.save(update_fields=["status", "selected_at"])
            event(brand, BrandEvent.Action.SELECTED, by, before=before, at=now)
        else:
            brand.status, brand.not_selected_at = BrandStatus.NOT_SELECTED, now
            brand.save(update_fields=["status", "not_selected_at"])
            event(brand, BrandEvent.Action.NOT_SELECTED, by, before=before, at=now)
    batch.status, batch.noticed_at = BatchStatus.NOTICE, now
    batch.notice_ends_on = after_working_days(today, days)
    batch.notice_text = (notice_text or "").strip()[:2000]
    batch.save(update_fields=["status", "noticed_at", "notice_ends_on", "notice_text"])
    return batch


@transaction.atomic
def batch_recognize(*, batch: Batch, by: Any = None, today: dt.date | None = None) -> Batch:
    """After the notice: the brands on it are recognized (已认定), each with a certificate number."""
    today = today or timezone.localdate()
    batch = _batch_locked(batch)
    require_staff(by, batch.committee_id)
    if batch.status != BatchStatus.NOTICE:
        raise WrongBatchState(state=batch.get_status_display(), action="认定")
    assert batch.notice_ends_on is not None
    if today <= batch.notice_ends_on:
        raise NoticeNotOver(ends=f"{batch.notice_ends_on:%Y-%m-%d}", action="认定")
    now = timezone.now()
    chosen = list(
        batch.brands.select_for_update(of=("self",)).filter(status=BrandStatus.SELECTED).order_by("org__path")
    )
    for n, brand in enumerate(chosen, start=1):
        brand.status, brand.recognized_at = BrandStatus.RECOGNIZED, now
        brand.certificate_no = f"品牌认定〔{batch.year}〕{batch.pk:02d}-{n:03d}号"
        brand.save(update_fields=["status", "recognized_at", "certificate_no"])
        event(brand, BrandEvent.Action.RECOGNIZED, by, before=BrandStatus.SELECTED, at=now)
    batch.status, batch.recognized_at = BatchStatus.RECOGNIZED, now
    batch.save(update_fields=["status", "recognized_at"])
    return batch
