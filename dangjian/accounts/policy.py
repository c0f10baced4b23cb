"""Reading the security policy: what the validators, the login and the middleware ask of it.

The policy is one row (`SecurityPolicy`) that the security administrator edits;
its defaults are the level-3 baseline. One request reads it at most once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from .models import ADMIN_ROLES, RoleAssignment, SecurityPolicy, User

_REQUEST_ATTR = "_dangjian_policy"


def current(request: Any = None) -> SecurityPolicy:
    """The policy in force, cached on REQUEST when one is given."""
    if request is not None:
        cached = getattr(request, _REQUEST_ATTR, None)
        if cached is not None:
            return cached
    policy = SecurityPolicy.load()
    if request is not None:
        setattr(request, _REQUEST_ATTR, policy)
    return policy


# --- django-axes reads these (settings.AXES_FAILURE_LIMIT, AXES_COOLOFF_TIME) ---


def failure_limit(request: Any, credentials: Any = None) -> int:
    return current(request).lockout_failures


def cool_off(request: Any = None) -> dt.timedelta:
    return dt.timedelta(minutes=current(request).lockout_minutes)


# --- passwords --------------------------------------------------------------


def password_expires_at(user: User, policy: SecurityPolicy) -> dt.datetime:
    return user.password_changed_at + dt.timedelta(days=policy.password_max_age_days)


def password_expired(user: User, policy: SecurityPolicy, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= password_expires_at(user, policy)


def must_change_password(user: User, policy: SecurityPolicy) -> str:
    """Why USER must change their password before anything else ('' when they need not)."""
    if user.must_change_password:
        return "initial"
    if user.has_usable_password() and password_expired(user, policy):
        return "expired"
    return ""


# --- second factor ----------------------------------------------------------


def otp_required(user: User, policy: SecurityPolicy) -> bool:
    """Whether USER holds a role for which the policy asks for a one-time password."""
    required = set(policy.otp_required_roles or ())
    if not required:
        return False
    return RoleAssignment.objects.filter(user=user, role__in=required).exists()


def is_administrator(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return RoleAssignment.objects.filter(user=user, role__in=ADMIN_ROLES).exists()
