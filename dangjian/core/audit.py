"""Recording the events auditlog does not see on its own.

auditlog records create/update/delete of registered models (with actor and
address from its middleware). This module adds logins, denials, exports,
reveals and imports, all into the same AuditEntry table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditlog.context import set_actor
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
    }


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    forwarded = request.headers.get("X-Forwarded-For")
    if forwarded:
        return forwarded.split(",")[0].strip()
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
