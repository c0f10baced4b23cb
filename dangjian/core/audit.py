"""Recording the events auditlog does not see on its own.

auditlog records create/update/delete of registered models (with actor and
address from its middleware). This module adds logins, denials, exports,
reveals and imports, all into the same AuditEntry table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

if TYPE_CHECKING:
    from django.http import HttpRequest


class Event:
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    DENIED = "denied"
    EXPORT = "export"
    REVEAL = "reveal"
    IMPORT = "import"
    # Accounts and security (issue 3).
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    SESSION_EXPIRED = "session_expired"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET = "password_reset"
    CREDENTIAL_CONFIRMED = "credential_confirmed"
    OTP_ENROLLED = "otp_enrolled"
    OTP_VERIFIED = "otp_verified"
    OTP_FAILED = "otp_failed"
    OTP_RESET = "otp_reset"
    ROLE_GRANTED = "role_granted"
    ROLE_REVOKED = "role_revoked"
    ACCOUNT_ENABLED = "account_enabled"
    ACCOUNT_DISABLED = "account_disabled"
    POLICY = "policy_changed"
    PRUNE = "audit_pruned"
    PII_KEY_ROTATED = "pii_key_rotated"
    CONTENT_SCAN = "content_scan"

    labels = {
        CREATE: "新增",
        UPDATE: "修改",
        DELETE: "删除",
        LOGIN: "登录",
        LOGIN_FAILED: "登录失败",
        LOGOUT: "退出",
        DENIED: "越权访问",
        EXPORT: "导出",
        REVEAL: "查看完整个人信息",
        IMPORT: "导入",
        LOCKED: "账号锁定",
        UNLOCKED: "解除锁定",
        SESSION_EXPIRED: "超时退出",
        PASSWORD_CHANGED: "修改密码",
        PASSWORD_RESET: "重置密码",
        CREDENTIAL_CONFIRMED: "确认初始密码",
        OTP_ENROLLED: "绑定动态口令",
        OTP_VERIFIED: "动态口令验证",
        OTP_FAILED: "动态口令错误",
        OTP_RESET: "重置动态口令",
        ROLE_GRANTED: "授予角色",
        ROLE_REVOKED: "撤销角色",
        ACCOUNT_ENABLED: "启用账号",
        ACCOUNT_DISABLED: "停用账号",
        POLICY: "修改安全策略",
        PRUNE: "清理过期审计记录",
        PII_KEY_ROTATED: "轮换个人信息密钥",
        CONTENT_SCAN: "复查已发布内容",
    }


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or the one our own proxies put in X-Forwarded-For.

    Only the entries appended by the TRUSTED_PROXY_COUNT proxies in front of us are
    believed (counted from the right); a client can write anything to the left of them.
    """
    if request is None:
        return None
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.headers.get("X-Forwarded-For") if proxies else None
    if forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR")


def record(
    event: str,
    *,
    request: HttpRequest | None = None,
    actor: Any = None,
    target: models.Model | type[models.Model],
    object_pk: str | None = None,
    object_repr: str | None = None,
    org: Any = None,  # an Organization or its id
    data: dict[str, Any] | None = None,
    cid: str | None = None,
) -> AuditEntry:
    """Append one event. TARGET is the record concerned, or its model when there is no one record."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    is_instance = isinstance(target, models.Model)
    model = target.__class__ if is_instance else target  # __class__ sees through lazy request.user
    pk = object_pk if object_pk is not None else (str(target.pk) if is_instance else "")
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=pk,
        object_id=int(pk) if pk.isdigit() else None,
        object_repr=object_repr if object_repr is not None else (str(target) if is_instance else ""),
        action=AuditEntry.Action.ACCESS,
        event=event,
        actor=actor,
        remote_addr=client_address(request),
        org_id=org if org is None or isinstance(org, int) else org.pk,
        additional_data=data or {},
        cid=cid,
    )


def acting_as(actor: Any, address: str | None = None):
    """Attribute auditlog's automatic entries to ACTOR outside a request (commands)."""
    return set_actor(actor, remote_addr=address)
