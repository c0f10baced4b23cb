"""Inspections item by item, their photos, and the rectification tasks they raise and close.

A full inspection (检查) uses the committee's checklist in force and freezes
it. A recheck (复查) looks again at the items under rectification of the room's
latest inspection; its other verdicts are carried over. Either way an item that
passes closes its open rectification, and an item that fails gets one (or keeps
its open one, with the new deadline). Everything is checked before anything is
written: a bad photo, a missing verdict or a deadline in the past writes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dangjian.core import errors as core_errors
from dangjian.core.uploads import CleanImage, clean_image

from ..conf import RoomsSettings
from ..errors import (
    BadInspection,
    DeadlineInPast,
    DeadlineMissing,
    DeadlineTooFar,
    NothingToRecheck,
    TooManyPhotos,
    VerdictMissing,
)
from ..models import (
    Checklist,
    ChecklistItem,
    Inspection,
    InspectionKind,
    Photo,
    Rectification,
    RectificationStatus,
    Room,
    Verdict,
)
from ..permissions import committee_of
from .checklist import checklist_current, checklist_freeze


@dataclass(frozen=True)
class VerdictIn:
    """What the inspector found on one item. PASSED None: not assessed (recommended items only)."""

    passed: bool | None
    note: str = ""
    photos: Sequence[bytes] = ()
    deadline: dt.date | None = None  # for a failed item: rectify by then
    requirement: str = ""  # what to put right (the note when blank)


def open_rectifications(room: Room) -> list[Rectification]:
    return list(room.rectifications.filter(status=RectificationStatus.OPEN).order_by("deadline", "id"))


def _check_header(held_on: dt.date | None, inspectors: str, today: dt.date) -> list[ValidationError]:
    problems: list[ValidationError] = []
    if held_on is None:
        problems.append(BadInspection("请填写检查日期。", field="held_on"))
    elif held_on > today:
        problems.append(BadInspection("检查日期不能晚于今天。", field="held_on"))
    elif held_on.year < 1921:
        problems.append(BadInspection("检查日期有误。", field="held_on"))
    if not inspectors.strip():
        problems.append(BadInspection("请填写检查人员。", field="inspectors"))
    elif len(inspectors.strip()) > 100:
        problems.append(BadInspection("检查人员最多 100 个字。", field="inspectors"))
    return problems


def _check_verdicts(
    items: Sequence[ChecklistItem],
    verdicts: Mapping[str, VerdictIn],
    *,
    must_judge: set[str],
    today: dt.date,
) -> tuple[list[ValidationError], dict[str, list[CleanImage]]]:
    conf = RoomsSettings.current()
    problems: list[ValidationError] = []
    photos: dict[str, list[CleanImage]] = {}
    known = {i.key for i in items}
    if set(verdicts) - known:
        problems.append(BadInspection("检查项与现行标准不符，请刷新页面后重新填写。"))
    for item in items:
        v = verdicts.get(item.key)
        if v is None or v.passed is None:
            if item.key in must_judge:
                problems.append(VerdictMissing(field=f"v_{item.key}", title=item.title))
            continue
        if len(v.note) > 300:
            problems.append(BadInspection("说明最多 300 个字。", field=f"note_{item.key}"))
        if len(v.photos) > conf.max_photos_per_item:
            problems.append(TooManyPhotos(field=f"photos_{item.key}", title=item.title, most=conf.max_photos_per_item))
        else:
            cleaned = []
            for data in v.photos:
                try:
                    cleaned.append(clean_image(data, max_bytes=conf.photo_max_bytes, field=f"photos_{item.key}"))
                except ValidationError as e:
                    problems.append(e)
                    break
            photos[item.key] = cleaned
        if v.passed is False:
            if v.deadline is None:
                if item.required:
                    problems.append(DeadlineMissing(field=f"deadline_{item.key}", title=item.title))
            elif v.deadline < today:
                problems.append(DeadlineInPast(field=f"deadline_{item.key}", title=item.title))
            elif v.deadline > today + dt.timedelta(days=conf.max_deadline_days):
                problems.append(
                    DeadlineTooFar(field=f"deadline_{item.key}", title=item.title, days=conf.max_deadline_days)
                )
            if len(v.requirement) > 300:
                problems.append(BadInspection("整改要求最多 300 个字。", field=f"requirement_{item.key}"))
    return problems, photos


def _raise(problems: list[ValidationError]) -> None:
    combined = core_errors.combine(problems)
    if combined is None:
        return
    if len(problems) == 1:
        raise problems[0]
    raise combined


def _save_photo(verdict: Verdict, image: CleanImage, now: dt.datetime) -> Photo:
    # The stored name comes from the content, never from the uploaded file name.
    stem = f"{now:%Y%m%d}-{uuid.uuid4().hex}"
    photo = Photo(
        verdict=verdict,
        content_type=image.content_type,
        width=image.width,
        height=image.height,
        size=len(image.data),
        sha256=image.sha256,
    )
    photo.file.save(f"{stem}{image.extension}", ContentFile(image.data), save=False)
    photo.thumbnail.save(f"{stem}-thumb{image.extension}", ContentFile(image.thumbnail), save=False)
    photo.save()
    return photo


def _write(
    *,
    room: Room,
    checklist: Checklist,
    items: Sequence[ChecklistItem],
    kind: str,
    rechecks: Inspection | None,
    held_on: dt.date,
    inspectors: str,
    note: str,
    verdicts: Mapping[str, VerdictIn],
    photos: Mapping[str, list[CleanImage]],
    carried: Mapping[str, Verdict],
    by: Any,
) -> Inspection:
    now = timezone.now()
    outcome: dict[str, bool | None] = {}
    for item in items:
        if item.key in carried:
            outcome[item.key] = carried[item.key].passed
        else:
            v = verdicts.get(item.key)
            outcome[item.key] = v.passed if v is not None else None
    passed = all(outcome[i.key] is True for i in items if i.required)
    checklist_freeze(checklist)
    inspection = Inspection.objects.create(
        room=room,
        checklist=checklist,
        kind=kind,
        rechecks=rechecks,
        held_on=held_on,
        inspectors=inspectors.strip(),
        note=note.strip(),
        passed=passed,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
        recorded_at=now,
    )
    open_by_key = {r.item_key: r for r in open_rectifications(room)}
    for item in items:
        if item.key in carried:
            old = carried[item.key]
            Verdict.objects.create(inspection=inspection, item=item, passed=old.passed, note=old.note, carried=True)
            continue
        v = verdicts.get(item.key) or VerdictIn(passed=None)
        verdict = Verdict.objects.create(inspection=inspection, item=item, passed=v.passed, note=v.note.strip())
        for image in photos.get(item.key, ()):
            _save_photo(verdict, image, now)
        task = open_by_key.get(item.key)
        if v.passed is True and task is not None:
            task.status, task.closed_at, task.closed_by = RectificationStatus.CLOSED, now, inspection
            task.save(update_fields=["status", "closed_at", "closed_by"])
        elif v.passed is False and v.deadline is not None:
            requirement = (v.requirement or v.note).strip() or f"按“{item.title}”的要求整改"
            if task is not None:
                task.deadline, task.requirement = v.deadline, requirement[:300]
                task.save(update_fields=["deadline", "requirement"])
            else:
                Rectification.objects.create(
                    room=room,
                    raised_by=inspection,
                    item_key=item.key,
                    item_title=item.title,
                    requirement=requirement[:300],
                    deadline=v.deadline,
                    created_at=now,
                )
    if kind == InspectionKind.FULL:
        # Items the committee took off its checklist are no longer asked for.
        keys = {i.key for i in items}
        for key, task in open_by_key.items():
            if key not in keys:
                task.status, task.closed_at, task.closed_by = RectificationStatus.WITHDRAWN, now, inspection
                task.save(update_fields=["status", "closed_at", "closed_by"])
    latest = room.latest_inspection
    if latest is None or (held_on, inspection.pk) >= (latest.held_on, latest.pk):
        room.latest_inspection = inspection
        room.save(update_fields=["latest_inspection"])
    return inspection


@transaction.atomic
def inspection_record(
    *,
    room: Room,
    held_on: dt.date | None,
    inspectors: str,
    verdicts: Mapping[str, VerdictIn],
    note: str = "",
    by: Any = None,
    today: dt.date | None = None,
) -> Inspection:
    """A full inspection of ROOM against its committee's checklist in force (which it freezes)."""
    today = today or timezone.localdate()
    room = Room.objects.select_for_update(of=("self",)).select_related("org", "latest_inspection").get(pk=room.pk)
    checklist = checklist_current(committee=committee_of(room.org), by=by)
    items = list(checklist.items.order_by("position", "id"))
    problems = _check_header(held_on, inspectors, today)
    more, photos = _check_verdicts(items, verdicts, must_judge={i.key for i in items if i.required}, today=today)
    _raise(problems + more)
    assert held_on is not None
    return _write(
        room=room, checklist=checklist, items=items, kind=InspectionKind.FULL, rechecks=None, held_on=held_on,
        inspectors=inspectors, note=note, verdicts=verdicts, photos=photos, carried={}, by=by,
    )  # fmt: skip


def recheck_items(room: Room) -> tuple[Inspection | None, list[ChecklistItem]]:
    """The inspection a recheck of ROOM builds on, and the items under rectification it looks at again."""
    base = Room.objects.select_related("latest_inspection__checklist").get(pk=room.pk).latest_inspection
    keys = {r.item_key for r in open_rectifications(room)}
    if base is None or not keys:
        return base, []
    return base, [i for i in base.checklist.items.order_by("position", "id") if i.key in keys]


@transaction.atomic
def recheck_record(
    *,
    room: Room,
    held_on: dt.date | None,
    inspectors: str,
    verdicts: Mapping[str, VerdictIn],
    note: str = "",
    by: Any = None,
    today: dt.date | None = None,
) -> Inspection:
    """A recheck (复查) of the items under rectification; the other verdicts carried over."""
    today = today or timezone.localdate()
    room = Room.objects.select_for_update(of=("self",)).select_related("org", "latest_inspection").get(pk=room.pk)
    base, to_check = recheck_items(room)
    if base is None or not to_check:
        raise NothingToRecheck()
    items = list(base.checklist.items.order_by("position", "id"))
    checked = {i.key for i in to_check}
    carried = {v.item.key: v for v in base.verdicts.select_related("item") if v.item.key not in checked}
    problems = _check_header(held_on, inspectors, today)
    if held_on is not None and held_on < base.held_on:
        problems.append(BadInspection("复查日期不能早于上次检查日期。", field="held_on"))
    more, photos = _check_verdicts(to_check, verdicts, must_judge=checked, today=today)
    _raise(problems + more)
    assert held_on is not None
    return _write(
        room=room, checklist=base.checklist, items=items, kind=InspectionKind.RECHECK, rechecks=base,
        held_on=held_on, inspectors=inspectors, note=note, verdicts=verdicts, photos=photos, carried=carried, by=by,
    )  # fmt: skip
