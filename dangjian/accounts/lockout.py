"""Account lockout with django-axes: the policy's numbers, our audit trail, our page.

axes counts failed logins per username (settings.AXES_LOCKOUT_PARAMETERS) and
refuses a locked account until the cool-off has passed or the security
administrator unlocks it. The numbers come from the security policy
(`policy.failure_limit`, `policy.cool_off`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from dangjian.core import audit

from . import policy


class LockoutBackend(AxesStandaloneBackend):
    """axes' check before the password check, for logins that come with a request.

    `authenticate()` without a request (the test client's `login`, a shell) is no
    login attempt from the network, and axes would refuse it outright.
    """

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_locked_out)
def _record_lock(sender: Any, request: Any, username: str, ip_address: str | None, **kwargs: Any) -> None:
    # axes also sends this for each attempt refused during a lock; only the
    # failure that caused the lock has counted the failures (axes_failures_since_start).
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        return
    minutes = policy.current(request).lockout_minutes
    audit.record(
        audit.Event.LOCKED,
        request=request,
        actor=None,
        target=get_user_model(),
        object_pk=_account_pk(username),
        object_repr=username or "",
        data={"username": username, "failures": failures, "minutes": minutes, "address": ip_address},
    )


def _account_pk(username: str | None) -> str:
    pk = get_user_model().objects.filter(username=username).values_list("pk", flat=True).first() if username else None
    return str(pk) if pk else ""


def lockout_response(request: Any, original_response: Any = None, credentials: Any = None) -> Any:
    """What a locked account sees at the login page (settings.AXES_LOCKOUT_CALLABLE)."""
    minutes = policy.current(request).lockout_minutes
    return render(
        request,
        "accounts/login.html",
        {"locked": True, "lockout_minutes": minutes, "form": None},
        status=429,
    )


@dataclass(frozen=True)
class LockedAccount:
    username: str
    failures: int
    last_attempt: datetime
    unlocks_at: datetime
    addresses: list[str]
    locked: bool


def failed_logins() -> list[LockedAccount]:
    """Usernames with failed logins still counting, locked ones first."""
    limit = policy.failure_limit(None)
    cool = policy.cool_off()
    now = timezone.now()
    rows = (
        AccessAttempt.objects.filter(attempt_time__gt=now - cool)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .order_by("-last")
    )
    addresses: dict[str, set[str]] = {}
    for username, address in AccessAttempt.objects.filter(attempt_time__gt=now - cool).values_list(
        "username", "ip_address"
    ):
        if address:
            addresses.setdefault(username or "", set()).add(address)
    result = [
        LockedAccount(
            username=row["username"] or "",
            failures=row["failures"] or 0,
            last_attempt=row["last"],
            unlocks_at=row["last"] + cool,
            addresses=sorted(addresses.get(row["username"] or "", ())),
            locked=(row["failures"] or 0) >= limit,
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (not r.locked, -r.last_attempt.timestamp()))


def is_locked(username: str) -> bool:
    return any(r.username == username and r.locked for r in failed_logins())
