"""Writes of the security administrator (policy, unlock, second-factor reset) and each
user's own security steps (password change, one-time-password enrolment and check).
Every one leaves an entry in the audit trail.
"""

from __future__ import annotations

from typing import Any

import axes.utils
import django_otp
from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangjian.core import audit

from . import lockout, permissions
from .models import Role, SecurityPolicy, User
from .services import AccountError

OTP_DEVICE_NAME = "动态口令"


def _require_secadmin(by: User) -> None:
    if not permissions.is_secadmin(by):
        raise AccountError("只有安全管理员可以执行此操作。")


# --- the security administrator -------------------------------------------------------


@transaction.atomic
def policy_update(*, by: User, values: dict[str, Any], request: Any = None) -> SecurityPolicy:
    """Save the policy VALUES (already validated by the form) and record what changed from what."""
    _require_secadmin(by)
    current = SecurityPolicy.objects.select_for_update().get(pk=SecurityPolicy.load().pk)
    roles = values.get("otp_required_roles")
    if roles is not None:
        unknown = set(roles) - set(Role.values)
        if unknown:
            raise AccountError("未知的角色：" + "、".join(sorted(unknown)))
        values = {**values, "otp_required_roles": sorted(roles)}
    changes: dict[str, list[Any]] = {}
    for name in SecurityPolicy.FIELDS:
        if name in values and values[name] != getattr(current, name):
            changes[name] = [getattr(current, name), values[name]]
            setattr(current, name, values[name])
    if not changes:
        return current
    current.full_clean()
    current.save()
    audit.record(audit.Event.POLICY, request=request, actor=by, target=current, data={"changes": changes})
    return current


@transaction.atomic
def account_unlock(*, by: User, username: str, request: Any = None) -> int:
    """Clear the failed logins of USERNAME; returns how many attempt records went."""
    _require_secadmin(by)
    username = username.strip()
    if not username:
        raise AccountError("请指定要解锁的用户名。")
    was_locked = lockout.is_locked(username)
    removed = axes.utils.reset(username=username)
    account = User.objects.filter(username=username).first()
    audit.record(
        audit.Event.UNLOCKED,
        request=request,
        actor=by,
        target=account if account is not None else User,
        object_pk=None if account is not None else "",
        object_repr=username,
        data={"username": username, "was_locked": was_locked, "attempts_cleared": removed},
    )
    return removed


@transaction.atomic
def otp_reset(*, by: User, account: User, request: Any = None) -> int:
    """Remove ACCOUNT's one-time-password devices (a lost phone); they enrol again at the next login."""
    _require_secadmin(by)
    if account.pk == by.pk:
        raise AccountError("不能重置自己的动态口令。")
    removed, _ = TOTPDevice.objects.filter(user=account).delete()
    audit.record(audit.Event.OTP_RESET, request=request, actor=by, target=account, data={"devices": removed})
    return removed


# --- each user's own steps ----------------------------------------------------------------


@transaction.atomic
def password_change(*, request: Any, user: User, new_password: str) -> None:
    """Set USER's new password (the form has checked the old one and the policy) and keep them logged in."""
    reason = "initial" if user.must_change_password else "voluntary"
    user.set_password(new_password)
    user.must_change_password = False
    user.save()
    update_session_auth_hash(request, user)
    audit.record(audit.Event.PASSWORD_CHANGED, request=request, actor=user, target=user, data={"reason": reason})


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def otp_enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device USER is enrolling (created on first call), whose key the QR code carries."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=OTP_DEVICE_NAME, confirmed=False)
    return device


def otp_confirm(*, request: Any, user: User, token: str) -> TOTPDevice:
    """Confirm the enrolling device with a code from the phone; it replaces any earlier device.

    A wrong code is recorded and counted by the device's throttling: both are kept
    (no rollback), then the error is raised.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        raise AccountError("请重新打开绑定页面扫描二维码。")
    with transaction.atomic():
        ok = django_otp.verify_token(user, device.persistent_id, token.strip()) is not None
        if ok:
            device.refresh_from_db()
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            audit.record(audit.Event.OTP_ENROLLED, request=request, actor=user, target=user)
        else:
            audit.record(audit.Event.OTP_FAILED, request=request, actor=user, target=user, data={"step": "enrol"})
    if not ok:
        raise AccountError("动态口令不正确，请核对手机上显示的 6 位数字后重试。")
    return device


def otp_verify(*, request: Any, user: User, token: str) -> bool:
    """Check a code at login; the session counts as verified when it matches."""
    device = confirmed_device(user)
    if device is None:
        return False
    with transaction.atomic():
        ok = django_otp.verify_token(user, device.persistent_id, token.strip()) is not None
    if ok:
        django_otp.login(request, device)
        audit.record(audit.Event.OTP_VERIFIED, request=request, actor=user, target=user)
    else:
        audit.record(audit.Event.OTP_FAILED, request=request, actor=user, target=user, data={"step": "login"})
    return ok
