"""Display links (大屏链接): a signed, expiring address that shows one subtree's dashboard on a
meeting-room screen without a login.

A link is made by committee staff for an organization (its subtree is all the screen
shows), has a name (where the screen hangs) and an expiry, and can be revoked. The
address carries a token signed with the site's secret (django.core.signing) holding the
link's random key; the screen checks the signature and its age, that a link has that key,
is not revoked and has not expired. Nothing is written when a screen reads.
"""

from __future__ import annotations

import datetime as dt
import secrets

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone


def new_key() -> str:
    return secrets.token_urlsafe(24)


class LinkStatus(models.TextChoices):
    ACTIVE = "active", "有效"
    REVOKED = "revoked", "已撤销"


class ScreenLink(models.Model):
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="screen_links", verbose_name="展示范围"
    )
    name = models.CharField("名称", max_length=60)
    key = models.CharField(max_length=64, default=new_key, unique=True, editable=False)
    token = models.CharField(max_length=300, editable=False, blank=True)
    status = models.CharField("状态", max_length=10, choices=LinkStatus.choices, default=LinkStatus.ACTIVE)
    expires_at = models.DateTimeField("有效期至")
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "大屏链接"
        verbose_name_plural = "大屏链接"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.org.name}）"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    def is_live(self, now: dt.datetime | None = None) -> bool:
        return self.status == LinkStatus.ACTIVE and self.expires_at > (now or timezone.now())

    @property
    def state_label(self) -> str:
        if self.status == LinkStatus.REVOKED:
            return "已撤销"
        return "有效" if self.is_live() else "已过期"


# The key and the token open the screen: kept out of the audit trail's change records.
auditlog.register(ScreenLink, exclude_fields=["key", "token"])
