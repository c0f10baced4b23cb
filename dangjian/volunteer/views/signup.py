"""Signing up and cancelling, from the activity page (a phone, mostly).

The sign-up button posts with htmx: the answer comes back as the page's sign-up box
(volunteer/_signup_box.html) in one round trip, so a morning's rush of sign-ups costs the
server one request each instead of a sign-up and a whole activity page. Without script the
answer is a message on the reloaded page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import flash_errors
from dangjian.people.models import Member

from .. import selectors, services
from ..models import Activity, Participation
from ..services.signup import may_sign_up, waiting_position
from .common import activity_or_404

BUSY = "报名人数较多，系统繁忙，本次未能提交，请稍后再试。"


def box_context(
    activity: Activity,
    member: Member | None,
    mine: Participation | None,
    *,
    taken: int | None,
    now: dt.datetime,
    position: int | None = None,
    eligible: bool | None = None,
) -> dict[str, Any]:
    """What the sign-up box shows. TAKEN (places held) is only read when the box offers to sign
    up; POSITION on the waiting list and ELIGIBLE when the caller knows them (else they are read)."""
    left = max(0, activity.places - taken) if taken is not None else None
    if mine is not None and position is None:
        position = waiting_position(mine)
    return {
        "activity": activity,
        "mine": mine,
        "my_position": position,
        "taken": taken,
        "left": left,
        "signup_open": activity.is_published and now < activity.signup_deadline and now < activity.starts_at,
        "has_person": member is not None,
        "eligible": eligible if eligible is not None else member is not None and may_sign_up(activity, member),
        "can_cancel": mine is not None and mine.status in ("confirmed", "waiting") and now < activity.starts_at,
    }


def _box(request: AuthedRequest, context: dict[str, Any], level: str, text: str) -> HttpResponse:
    return render(request, "volunteer/_signup_box.html", {**context, "notice": {"level": level, "text": text}})


def _box_as_it_is(request: AuthedRequest, pk: int, member: Member | None, level: str, text: str) -> HttpResponse:
    """The box read afresh (after a refusal: the answer explains what the box now shows)."""
    activity = activity_or_404(request, pk)
    mine = selectors.participation_of(activity, member)
    taken = activity.participations.filter(status="confirmed").count()
    context = box_context(activity, member, mine, taken=taken, now=timezone.now())
    return _box(request, {**context, "oob": True}, level, text)


@login_required
@require_POST
def signup(request: AuthedRequest, pk: int) -> HttpResponse:
    member = selectors.signer_of(request.user)
    if member is None:
        activity = activity_or_404(request, pk)
        raise scoping.deny(request, Activity, {"pk": pk, "action": "signup"}, exists=True, org=activity.org_id)
    htmx = bool(request.headers.get("HX-Request"))
    try:
        result = services.signup(activity_id=pk, member=member)
    except services.SignupError as e:
        # A sign-up is only made to a published activity of one's committee, which one sees; a
        # refusal may be about one out of sight: that is a (recorded) 404, not an explanation.
        activity_or_404(request, pk)
        if htmx:
            return _box_as_it_is(request, pk, member, "danger", " ".join(e.messages))
        flash_errors(request, e)
    except OperationalError:  # SQLite gave up waiting for the write lock (a burst): nothing was written
        if htmx:
            return _box_as_it_is(request, pk, member, "danger", BUSY)
        messages.error(request, BUSY)
    else:
        level = "success" if result.waiting_position is None else "warning"
        if htmx:
            mine = result.participation
            context = box_context(
                mine.activity,
                member,
                mine,
                taken=result.places_taken,
                now=timezone.now(),
                position=result.waiting_position,
                eligible=True,  # (just signed up)
            )
            return _box(request, {**context, "oob": result.places_taken is not None}, level, result.message)
        getattr(messages, level)(request, result.message)
    return redirect("volunteer:activity_detail", pk=pk)


@login_required
@require_POST
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_or_404(request, pk)
    member = selectors.person_of(request.user)
    if member is None:
        raise scoping.deny(request, Activity, {"pk": pk, "action": "withdraw"}, exists=True, org=activity.org_id)
    try:
        services.signup_cancel(activity_id=activity.pk, member=member)
    except services.SignupError as e:
        flash_errors(request, e)
    except OperationalError:
        messages.error(request, BUSY)
    else:
        messages.success(request, "已取消报名。")
    return redirect("volunteer:activity_detail", pk=activity.pk)
