"""Writes to mobile lectures (流动讲堂) and the organizations' requests for a topic.

Lifecycles (a status plus one timestamp per transition, changed only here):
- a lecture: scheduled (scheduled_at) → held (held_at), once its day has come;
- a request: requested (requested_at) → scheduled (scheduled_at, a lecture made from it)
  → held (held_at, when that lecture is confirmed held), or → declined (declined_at, with a reason).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.core import uploads
from dangjian.orgs.models import Organization
from dangjian.people.models import Member

from .. import errors
from ..conf import LiaisonSettings
from ..models import (
    LectureAttendance,
    LectureMaterial,
    LectureRequest,
    LectureStatus,
    MobileLecture,
    RequestStatus,
)
from ..selectors import VISITABLE_KINDS, roster_of


def _actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _check_lecture(*, topic: str, lecturer: str, org: Organization) -> None:
    if not topic.strip():
        raise errors.TopicMissing(field="topic")
    if not lecturer.strip():
        raise errors.LecturerMissing(field="lecturer")
    if org.kind not in VISITABLE_KINDS:
        raise errors.OrgNotInCommittee("流动讲堂须走进党委、党总支或党支部。", field="org")


@transaction.atomic
def lecture_create(
    *,
    topic: str,
    lecturer: str,
    org: Organization,
    held_on: dt.date,
    place: str = "",
    by: Any = None,
    request: LectureRequest | None = None,
    now: dt.datetime | None = None,
) -> MobileLecture:
    """Schedule a lecture at ORG on HELD_ON (from REQUEST when it answers one)."""
    now = now or timezone.now()
    _check_lecture(topic=topic, lecturer=lecturer, org=org)
    if request is not None:
        locked = LectureRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != RequestStatus.REQUESTED:
            raise errors.RequestNotOpen(f"该点单{locked.get_status_display()}，不能再安排。")
        if org.pk != locked.org_id:
            raise errors.OrgNotInCommittee("按点单安排的讲堂须走进申请的组织。", field="org")
    lecture = MobileLecture.objects.create(
        topic=topic.strip(),
        lecturer=lecturer.strip(),
        org=org,
        held_on=held_on,
        place=place.strip(),
        scheduled_at=now,
        created_by=_actor(by),
    )
    if request is not None:
        locked.status, locked.lecture, locked.scheduled_at = RequestStatus.SCHEDULED, lecture, now
        locked.save(update_fields=["status", "lecture", "scheduled_at"])
    return lecture


def _check_day_has_come(lecture: MobileLecture, today: dt.date) -> None:
    if lecture.held_on > today:
        raise errors.LectureNotHeldYet(f"讲堂安排在 {lecture.held_on:%Y-%m-%d}，当天及以后才能确认举办和登记听讲人员。")


@transaction.atomic
def lecture_mark_held(
    *, lecture: MobileLecture, by: Any = None, today: dt.date | None = None, now: dt.datetime | None = None
) -> MobileLecture:
    """Confirm LECTURE took place; the request it answered (if any) becomes held too."""
    now = now or timezone.now()
    locked = MobileLecture.objects.select_for_update().get(pk=lecture.pk)
    if locked.status == LectureStatus.HELD:
        raise errors.LectureAlreadyHeld()
    _check_day_has_come(locked, today or timezone.localdate())
    locked.status, locked.held_at = LectureStatus.HELD, now
    locked.save(update_fields=["status", "held_at"])
    for req in LectureRequest.objects.select_for_update().filter(lecture=locked, status=RequestStatus.SCHEDULED):
        req.status, req.held_at = RequestStatus.HELD, now
        req.save(update_fields=["status", "held_at"])
    return locked


@transaction.atomic
def attendance_set(
    *, lecture: MobileLecture, members: Iterable[Member], by: Any = None, today: dt.date | None = None
) -> list[LectureAttendance]:
    """Who attended LECTURE: exactly MEMBERS, each of the visited organization's roster."""
    _check_day_has_come(lecture, today or timezone.localdate())
    chosen = {m.pk: m for m in members}
    on_roster = set(roster_of(lecture.org).filter(pk__in=list(chosen)).values_list("pk", flat=True))
    strangers = [m.name for pk, m in chosen.items() if pk not in on_roster]
    if strangers:
        raise errors.AttendeeNotOnRoster(
            f"{'、'.join(strangers[:5])}不在{lecture.org.name}的名册上，不能登记为听讲人员。", field="members"
        )
    existing = {a.member_id: a for a in lecture.attendances.all()}
    for pk, attendance in existing.items():
        if pk not in chosen:
            attendance.delete()
    added = [
        LectureAttendance.objects.create(lecture=lecture, member=m) for pk, m in chosen.items() if pk not in existing
    ]
    return [a for pk, a in existing.items() if pk in chosen] + added


@transaction.atomic
def material_add(*, lecture: MobileLecture, upload: Any, by: Any = None) -> LectureMaterial:
    """Keep a lecture's material (slides, handouts): type from the bytes and size, by the kernel's rules."""
    conf = LiaisonSettings.current()
    checked = uploads.check_file(upload, kinds=conf.material_kinds, max_bytes=conf.material_max_bytes, field="file")
    material = LectureMaterial(
        lecture=lecture,
        name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        uploaded_by=_actor(by),
    )
    material.file.save(checked.name, checked.upload, save=False)
    material.save()
    return material


@transaction.atomic
def request_file(
    *, org: Organization, topic: str, notes: str = "", by: Any = None, now: dt.datetime | None = None
) -> LectureRequest:
    """ORG asks the committee for a lecture on TOPIC."""
    if not topic.strip():
        raise errors.TopicMissing(field="topic")
    if org.kind not in VISITABLE_KINDS:
        raise errors.OrgNotInCommittee("点单须以党委、党总支或党支部的名义提出。", field="org")
    return LectureRequest.objects.create(
        org=org, topic=topic.strip(), notes=notes.strip(), requested_by=_actor(by), requested_at=now or timezone.now()
    )


@transaction.atomic
def request_decline(
    *, request: LectureRequest, reason: str, by: Any = None, now: dt.datetime | None = None
) -> LectureRequest:
    locked = LectureRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != RequestStatus.REQUESTED:
        raise errors.RequestNotOpen(f"该点单{locked.get_status_display()}，不能再答复。")
    if not reason.strip():
        raise errors.ReasonMissing(field="reason")
    locked.status, locked.declined_at, locked.decline_reason = (
        RequestStatus.DECLINED,
        now or timezone.now(),
        reason.strip(),
    )
    locked.save(update_fields=["status", "declined_at", "decline_reason"])
    return locked
