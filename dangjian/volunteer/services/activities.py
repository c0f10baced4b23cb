"""Writes to activities: create, edit, publish, cancel.

Changing the number of places takes the same lock as a sign-up, so a new
limit and a sign-up arriving together cannot overbook either.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dangjian.people.models import Member

from ..conf import setting
from ..models import Activity, ActivityKind, ActivityStatus, Brigade, Pairing, Team
from .signup import _lock_activity, confirmed_count, fill_places


@dataclass
class ActivityData:
    """The fields of an activity as a form or the API gives them."""

    brigade: Brigade
    title: str
    kind: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    places: int
    requirements: str = ""
    signup_deadline: dt.datetime | None = None
    team: Team | None = None
    pairing: Pairing | None = None
    organizer: Member | None = None


def _validate(data: ActivityData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = "请填写活动名称。"
    if data.kind not in ActivityKind.values:
        errors["kind"] = "请选择活动类型。"
    if not data.place.strip():
        errors["place"] = "请填写活动地点。"
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = "结束时间须晚于开始时间。"
    if not 1 <= data.places <= setting("MAX_PLACES"):
        errors["places"] = f"招募人数应在 1 至 {setting('MAX_PLACES')} 之间。"
    if data.signup_deadline is not None and data.signup_deadline > data.starts_at:
        errors["signup_deadline"] = "报名截止时间不能晚于活动开始时间。"
    if data.team is not None and data.team.brigade_id != data.brigade.pk:
        errors["team"] = "所选分队不属于该支队。"
    if data.pairing is not None:
        if data.pairing.brigade_id != data.brigade.pk:
            errors["pairing"] = "所选结对共建协议不属于该支队。"
        elif not data.pairing.covers(timezone.localtime(data.starts_at).date()):
            errors["pairing"] = "活动日期不在结对共建协议有效期内。"
        elif data.kind != ActivityKind.PAIRING:
            errors["kind"] = "结对共建协议下的活动，类型应为“结对共建”。"
    if data.organizer is not None and not data.organizer.org.path.startswith(data.brigade.corps.org.path):
        errors["organizer"] = "负责人须为本工委所属党组织的人员。"
    return errors


def _deadline(data: ActivityData) -> dt.datetime:
    if data.signup_deadline is not None:
        return data.signup_deadline
    return data.starts_at - dt.timedelta(hours=setting("DEFAULT_DEADLINE_HOURS_BEFORE"))


@transaction.atomic
def activity_create(*, data: ActivityData, by=None) -> Activity:
    """A new activity, as a draft: volunteers see it once it is published."""
    errors = _validate(data)
    if data.brigade.dissolved_on is not None:
        errors.setdefault("brigade", "该支队已撤销。")
    if errors:
        raise ValidationError(errors)
    return Activity.objects.create(
        org_id=data.brigade.org_id,
        brigade=data.brigade,
        team=data.team,
        pairing=data.pairing,
        title=data.title.strip(),
        kind=data.kind,
        place=data.place.strip(),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        signup_deadline=_deadline(data),
        places=data.places,
        requirements=data.requirements.strip(),
        organizer=data.organizer or data.brigade.leader,
        checkin_token=secrets.token_urlsafe(18),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )


@transaction.atomic
def activity_update(*, activity: Activity, data: ActivityData) -> Activity:
    """Edit an activity. More places promote the waiting list; fewer than those already holding one is refused."""
    locked = _lock_activity(activity.pk)
    if locked.hours_locked:
        raise ValidationError("服务时长已确认，活动信息不能再修改。")
    if locked.status == ActivityStatus.CANCELLED:
        raise ValidationError("活动已取消，不能修改。")
    errors = _validate(data)
    if data.brigade.pk != locked.brigade_id and locked.participations.exists():
        errors["brigade"] = "已有人报名，不能更换支队。"
    taken = confirmed_count(locked)
    if data.places < taken:
        errors["places"] = f"已有 {taken} 人获得名额，招募人数不能少于 {taken}。"
    if errors:
        raise ValidationError(errors)
    for name in ("brigade", "team", "pairing", "kind", "starts_at", "ends_at", "places"):
        setattr(locked, name, getattr(data, name))
    locked.org_id = data.brigade.org_id
    locked.title, locked.place, locked.requirements = data.title.strip(), data.place.strip(), data.requirements.strip()
    locked.signup_deadline = _deadline(data)
    locked.organizer = data.organizer or locked.organizer
    locked.save()
    fill_places(locked, now=timezone.now())
    return locked


@transaction.atomic
def activity_publish(*, activity: Activity) -> Activity:
    locked = _lock_activity(activity.pk)
    if locked.status != ActivityStatus.DRAFT:
        raise ValidationError("只有草稿状态的活动可以发布。")
    now = timezone.now()
    if locked.signup_deadline <= now:
        raise ValidationError("报名截止时间已过，请先修改活动时间再发布。")
    locked.status = ActivityStatus.PUBLISHED
    locked.published_at = now
    locked.save(update_fields=["status", "published_at"])
    return locked


@transaction.atomic
def activity_cancel(*, activity: Activity) -> Activity:
    """Call the activity off. Sign-ups stay as they were, for the record; no hours can be confirmed."""
    locked = _lock_activity(activity.pk)
    if locked.status == ActivityStatus.CANCELLED:
        raise ValidationError("活动已取消。")
    if locked.hours_locked:
        raise ValidationError("服务时长已确认的活动不能取消。")
    locked.status = ActivityStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["status", "cancelled_at"])
    return locked
