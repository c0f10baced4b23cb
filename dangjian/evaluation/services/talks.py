"""The formal talk (约谈) with a secretary rated 一般 or 差: recorded (date, who, content,
rectification), then closed once the rectification is done: pending → talked → closed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from .. import errors
from ..models import Talk, TalkStatus


@transaction.atomic
def talk_record(
    *,
    talk: Talk,
    talked_on: dt.date,
    talked_by: str,
    content: str,
    rectification: str = "",
    by: Any = None,
    now: dt.datetime | None = None,
) -> Talk:
    """Record (or correct) the talk held on TALKED_ON by TALKED_BY; the rectification may follow later."""
    now = now or timezone.now()
    locked = Talk.objects.select_for_update().get(pk=talk.pk)
    if locked.status == TalkStatus.CLOSED:
        raise errors.TalkClosed()
    if talked_on > timezone.localdate(now):
        raise errors.TalkInFuture(field="talked_on")
    if not talked_by.strip() or not content.strip():
        raise errors.TalkIncomplete(field="content" if talked_by.strip() else "talked_by")
    locked.talked_on, locked.talked_by = talked_on, talked_by.strip()[:100]
    locked.content, locked.rectification = content.strip(), rectification.strip()
    locked.recorded_by = by if getattr(by, "is_authenticated", False) else None
    if locked.status == TalkStatus.PENDING:
        locked.status, locked.talked_at = TalkStatus.TALKED, now
    locked.save()
    return locked


@transaction.atomic
def talk_close(*, talk: Talk, by: Any = None, now: dt.datetime | None = None) -> Talk:
    """Close the follow-up once the talk is recorded (its rectification done)."""
    locked = Talk.objects.select_for_update().get(pk=talk.pk)
    if locked.status == TalkStatus.CLOSED:
        raise errors.TalkClosed()
    if locked.status != TalkStatus.TALKED:
        raise errors.TalkNotHeld()
    locked.status, locked.closed_at = TalkStatus.CLOSED, now or timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    return locked
