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
from django.conf import settings
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
    per_address: dict[tuple[str, str], int] = {}
    for username, address, failures in AccessAttempt.objects.filter(attempt_time__gt=now - cool).values_list(
        "username", "ip_address", "failures_since_start"
    ):
        if address:
            addresses.setdefault(username or "", set()).add(address)
        pair = (username or "", address or "")
        per_address[pair] = per_address.get(pair, 0) + (failures or 0)
    by_address = counts_per_address()

    def locked(username: str, total: int) -> bool:
        if not by_address:
            return total >= limit
        return any(n >= limit for (u, _), n in per_address.items() if u == username)

    result = [
        LockedAccount(
            username=row["username"] or "",
            failures=row["failures"] or 0,
            last_attempt=row["last"],
            unlocks_at=row["last"] + cool,
            addresses=sorted(addresses.get(row["username"] or "", ())),
            locked=locked(row["username"] or "", row["failures"] or 0),
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (not r.locked, -r.last_attempt.timestamp()))


# What settings.AXES_LOCKOUT_PARAMETERS should say (issue 10 §4): failures count per account
# AND source address, so an outsider failing from their own address cannot lock the account
# for its owner elsewhere. config/settings.py holds the value (see README, Roles and security).
LOCKOUT_PARAMETERS = [["username", "ip_address"]]


def counts_per_address() -> bool:
    """Whether axes counts failures per account and address (the combination in AXES_LOCKOUT_PARAMETERS)."""
    params = getattr(settings, "AXES_LOCKOUT_PARAMETERS", None)
    return isinstance(params, list | tuple) and any(
        isinstance(p, list | tuple) and "username" in p and "ip_address" in p for p in params
    )


def is_locked(username: str) -> bool:
    return any(r.username == username and r.locked for r in failed_logins())
