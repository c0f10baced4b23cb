"""Recording the events auditlog does not see on its own.

auditlog records create/update/delete of registered models (with actor and
address from its middleware). This module adds logins, denials, exports,
reveals and imports, all into the same AuditEntry table.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.utils import timezone

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
    DENIED_BURST = "denied_burst"
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
    IMPORT_INTERRUPTED = "import_interrupted"
    BACKUP = "backup"
    RESTORE = "restore"

    labels = {
        CREATE: "新增",
        UPDATE: "修改",
        DELETE: "删除",
        LOGIN: "登录",
        LOGIN_FAILED: "登录失败",
        LOGOUT: "退出",
        DENIED: "越权访问",
        DENIED_BURST: "越权访问（密集，汇总）",
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
        IMPORT_INTERRUPTED: "后台导入中断",
        BACKUP: "数据备份",
        RESTORE: "数据恢复",
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
    """Append one event. TARGET is the record concerned, or its model when there is no one record.

    Refusals (DENIED) are rate-limited per account (or address) and route: past
    `AUDIT_DENIALS_PER_MINUTE` in the last minute, they are counted instead of
    written, and one DENIED_BURST entry with the count follows once the burst is
    over. A counted refusal returns an entry that is not saved.
    """
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    is_instance = isinstance(target, models.Model)
    # __class__ sees through lazy request.user
    model = cast(type[models.Model], target.__class__ if is_instance else target)
    pk = object_pk if object_pk is not None else (str(target.pk) if is_instance else "")
    address = client_address(request)
    flush_denial_bursts()
    if event == Event.DENIED:
        route = _route_of(request)
        data = {**(data or {}), "route": route}
        if _over_denial_limit(actor, address, route):
            _count_suppressed(actor, address, route)
            return AuditEntry(event=event, actor=actor, remote_addr=address, additional_data=data)
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=pk,
        object_id=int(pk) if pk.isdigit() else None,
        object_repr=object_repr if object_repr is not None else (str(target) if is_instance else ""),
        action=AuditEntry.Action.ACCESS,
        event=event,
        actor=actor,
        remote_addr=address,
        org_id=org if org is None or isinstance(org, int) else org.pk,
        additional_data=data or {},
        cid=cid,
    )


# --- refusals in bursts ------------------------------------------------------------

_BURSTS_KEY = "dangjian:audit:denied-bursts"
BURST_WINDOW = dt.timedelta(minutes=1)


def _now() -> dt.datetime:
    return timezone.now()


def denial_limit() -> int:
    """Refusals per account and route written in full each minute (0: no limit)."""
    return int(getattr(settings, "AUDIT_DENIALS_PER_MINUTE", 20))


def _route_of(request: HttpRequest | None) -> str:
    match = getattr(request, "resolver_match", None) if request is not None else None
    if match is not None and match.view_name:
        return str(match.view_name)
    return str(getattr(request, "path", "") or "")[:200]


def _over_denial_limit(actor: Any, address: str | None, route: str) -> bool:
    limit = denial_limit()
    if limit <= 0:
        return False
    who = {"actor_id": actor.pk} if actor is not None else {"actor__isnull": True, "remote_addr": address}
    recent = AuditEntry.objects.filter(
        event=Event.DENIED, timestamp__gte=_now() - BURST_WINDOW, additional_data__route=route, **who
    )
    return recent[:limit].count() >= limit


def _count_suppressed(actor: Any, address: str | None, route: str) -> None:
    key = f"{actor.pk if actor is not None else ''}|{address or ''}|{route}"
    now = _now().isoformat()
    bursts: dict[str, dict[str, Any]] = cache.get(_BURSTS_KEY) or {}
    burst = bursts.setdefault(
        key,
        {
            "actor_id": actor.pk if actor is not None else None,
            "account": getattr(actor, "username", None),
            "address": address,
            "route": route,
            "first": now,
            "count": 0,
        },
    )
    burst["count"] += 1
    burst["last"] = now
    cache.set(_BURSTS_KEY, bursts, None)


def flush_denial_bursts(*, force: bool = False) -> list[AuditEntry]:
    """Write one DENIED_BURST entry for each burst quiet for a minute (all of them with FORCE)."""
    bursts: dict[str, dict[str, Any]] = cache.get(_BURSTS_KEY) or {}
    if not bursts:
        return []
    quiet_since = (_now() - BURST_WINDOW).isoformat()
    done = {k: b for k, b in bursts.items() if force or b["last"] < quiet_since}
    if not done:
        return []
    cache.set(_BURSTS_KEY, {k: b for k, b in bursts.items() if k not in done}, None)
    from django.contrib.auth import get_user_model

    users = get_user_model()._default_manager
    written = []
    for burst in done.values():
        actor_id = burst["actor_id"] if users.filter(pk=burst["actor_id"]).exists() else None
        written.append(
            AuditEntry.objects.create(
                content_type=ContentType.objects.get_for_model(AuditEntry),
                object_pk="",
                object_repr=f"{burst['route']}：另有 {burst['count']} 次越权访问未逐条记录",
                action=AuditEntry.Action.ACCESS,
                event=Event.DENIED_BURST,
                actor_id=actor_id,
                remote_addr=burst["address"],
                additional_data={**burst, "limit_per_minute": denial_limit()},
            )
        )
    return written


def acting_as(actor: Any, address: str | None = None):
    """Attribute auditlog's automatic entries to ACTOR outside a request (commands)."""
    return set_actor(actor, remote_addr=address)
