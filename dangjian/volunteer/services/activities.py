"""Writes to activities: create, edit, publish, cancel.

Changing the number of places takes the same lock as a sign-up, so a new
limit and a sign-up arriving together cannot overbook either.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from dangjian.core import tree
from dangjian.core.errors import Refusal, combine
from dangjian.people.models import Member

from .. import errors
from ..conf import VolunteerSettings
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


def _validate(data: ActivityData) -> dict[str, Refusal]:
    """Every field out of bounds, each with its refusal (one per field), to report them all at once."""
    found: dict[str, Refusal] = {}

    def refuse(field: str, message: str, kind: type[Refusal] = errors.ActivityInvalid) -> None:
        found.setdefault(field, kind(message, field=field))

    if not data.title.strip():
        refuse("title", "请填写活动名称。")
    if data.kind not in ActivityKind.values:
        refuse("kind", "请选择活动类型。")
    if not data.place.strip():
        refuse("place", "请填写活动地点。")
    if data.ends_at <= data.starts_at:
        refuse("ends_at", "结束时间须晚于开始时间。")
    if not 1 <= data.places <= VolunteerSettings.current().max_places:
        refuse("places", f"招募人数应在 1 至 {VolunteerSettings.current().max_places} 之间。")
    if data.signup_deadline is not None and data.signup_deadline > data.starts_at:
        refuse("signup_deadline", "报名截止时间不能晚于活动开始时间。")
    if data.team is not None and data.team.brigade_id != data.brigade.pk:
        refuse("team", "所选分队不属于该支队。")
    if data.pairing is not None:
        if data.pairing.brigade_id != data.brigade.pk:
            refuse("pairing", "所选结对共建协议不属于该支队。")
        elif not data.pairing.covers(timezone.localtime(data.starts_at).date()):
            found.setdefault("pairing", errors.PairingOutOfDates(field="pairing"))
        elif data.kind != ActivityKind.PAIRING:
            found.setdefault("kind", errors.PairingKindRequired(field="kind"))
    if data.organizer is not None and not tree.is_within(data.organizer.org.path, [data.brigade.corps.org.path]):
        refuse("organizer", "负责人须为本工委所属党组织的人员。", errors.LeaderOutside)
    return found


def _raise_all(found: dict[str, Refusal]) -> None:
    error = combine(found.values())
    if error is not None:
        raise error


def _deadline(data: ActivityData) -> dt.datetime:
    if data.signup_deadline is not None:
        return data.signup_deadline
    return data.starts_at - dt.timedelta(hours=VolunteerSettings.current().default_deadline_hours_before)


@transaction.atomic
def activity_create(*, data: ActivityData, by=None) -> Activity:
    """A new activity, as a draft: volunteers see it once it is published."""
    found = _validate(data)
    if data.brigade.dissolved_on is not None:
        found.setdefault("brigade", errors.BrigadeDissolved(field="brigade"))
    _raise_all(found)
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
        raise errors.HoursLocked("服务时长已确认，活动信息不能再修改。")
    if locked.status == ActivityStatus.CANCELLED:
        raise errors.ActivityCancelled("活动已取消，不能修改。")
    found = _validate(data)
    if data.brigade.pk != locked.brigade_id and locked.participations.exists():
        found["brigade"] = errors.BrigadeFixed(field="brigade")
    taken = confirmed_count(locked)
    if data.places < taken:
        found["places"] = errors.PlacesBelowTaken(field="places", taken=taken)
    _raise_all(found)
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
        raise errors.NotADraft()
    now = timezone.now()
    if locked.signup_deadline <= now:
        raise errors.DeadlinePassed()
    locked.status = ActivityStatus.PUBLISHED
    locked.published_at = now
    locked.save(update_fields=["status", "published_at"])
    return locked


@transaction.atomic
def activity_cancel(*, activity: Activity) -> Activity:
    """Call the activity off. Sign-ups stay as they were, for the record; no hours can be confirmed."""
    locked = _lock_activity(activity.pk)
    if locked.status == ActivityStatus.CANCELLED:
        raise errors.ActivityCancelled()
    if locked.hours_locked:
        raise errors.HoursLocked("服务时长已确认的活动不能取消。")
    locked.status = ActivityStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["status", "cancelled_at"])
    return locked
