"""Writes of the dashboard: making and revoking display links (大屏链接).

Each function is one transaction; auditlog records the row it writes (who, when, the
organization, the name and expiry; never the key or the token) with the actor the
request set. A refusal raises before anything is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangjian.orgs.models import Organization

from . import errors, permissions
from .conf import DashboardSettings
from .models import LinkStatus, ScreenLink, new_key
from .selectors import sign


def _actor(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def screen_link_create(
    *, org: Organization, name: str, days: int, by: Any, now: dt.datetime | None = None
) -> ScreenLink:
    """A display link showing ORG's subtree for DAYS days, made by BY (committee staff over ORG)."""
    conf = DashboardSettings.current()
    now = now or timezone.now()
    name = name.strip()
    if not name:
        raise errors.LinkNameMissing(field="name")
    if not 1 <= days <= conf.screen_link_max_days:
        raise errors.LinkLifetimeInvalid(f"有效天数须在 1 到 {conf.screen_link_max_days} 天之间。", field="days")
    if not permissions.may_link(by, org):
        raise errors.LinkOrgOutOfReach(field="org")
    active = ScreenLink.objects.select_for_update().filter(status=LinkStatus.ACTIVE, expires_at__gt=now)
    if active.filter(org=org).count() >= conf.screen_links_max_active:
        raise errors.TooManyLinks(
            f"该组织已有 {conf.screen_links_max_active} 个有效的大屏链接，请先撤销不再使用的链接。"
        )
    key = new_key()
    return ScreenLink.objects.create(
        org=org,
        name=name,
        key=key,
        token=sign(key),
        expires_at=now + dt.timedelta(days=days),
        created_at=now,
        created_by=_actor(by),
    )


@transaction.atomic
def screen_link_revoke(*, link: ScreenLink, by: Any, now: dt.datetime | None = None) -> ScreenLink:
    """LINK stops working at once (an expired link may be revoked too, to mark it done with)."""
    link = ScreenLink.objects.select_for_update().get(pk=link.pk)
    if link.status == LinkStatus.REVOKED:
        raise errors.LinkNotActive("该大屏链接已撤销。")
    if not permissions.may_link(by, link.org):
        raise errors.LinkOrgOutOfReach()
    link.status = LinkStatus.REVOKED
    link.revoked_at = now or timezone.now()
    link.revoked_by = _actor(by)
    link.save(update_fields=["status", "revoked_at", "revoked_by"])
    return link
