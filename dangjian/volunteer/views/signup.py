"""Signing up and cancelling, from the activity page (a phone, mostly)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from dangjian.accounts.http import AuthedRequest
from dangjian.core import scoping
from dangjian.core.web import flash_errors

from .. import selectors, services
from ..models import Activity
from .common import activity_or_404

BUSY = "报名人数较多，系统繁忙，本次未能提交，请稍后再试。"


@login_required
@require_POST
def signup(request: AuthedRequest, pk: int) -> HttpResponse:
    activity = activity_or_404(request, pk)
    member = selectors.person_of(request.user)
    if member is None:
        raise scoping.deny(request, Activity, {"pk": pk, "action": "signup"}, exists=True, org=activity.org_id)
    try:
        result = services.signup(activity_id=activity.pk, member=member)
    except services.SignupError as e:
        flash_errors(request, e)
    except OperationalError:  # SQLite gave up waiting for the write lock (a burst): nothing was written
        messages.error(request, BUSY)
    else:
        (messages.success if result.waiting_position is None else messages.warning)(request, result.message)
    return redirect("volunteer:activity_detail", pk=activity.pk)


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
