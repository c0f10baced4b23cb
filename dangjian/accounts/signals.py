"""Logins, logouts and failed logins go into the audit trail."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from dangjian.core import audit

from . import policy
from .middleware import mark_active


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    audit.record(audit.Event.LOGIN, request=request, actor=user, target=user)
    if request is not None and hasattr(request, "session"):
        # The login writes the session anyway: record the activity with it, so the
        # first page after logging in reads without writing.
        mark_active(request, time.time(), policy.current(request).idle_minutes * 60)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(audit.Event.LOGOUT, request=request, actor=user, target=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit.record(
        audit.Event.LOGIN_FAILED,
        request=request,
        actor=None,
        target=get_user_model(),
        object_pk="",
        object_repr=username,
        data={"username": username},
    )
