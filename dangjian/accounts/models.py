from __future__ import annotations

import hashlib
import secrets

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    COMMITTEE_STAFF = "committee_staff", "工委工作人员"
    ORG_ADMIN = "org_admin", "党组织管理员"
    EDITOR = "editor", "编辑"
    REVIEWER = "reviewer", "审核"
    MEMBER = "member", "党员"
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITOR = "auditor", "审计管理员"


# Roles whose holder sees the organizations and people of the subtree.
SCOPE_ROLES = (Role.COMMITTEE_STAFF, Role.ORG_ADMIN)


class User(AbstractUser):
    """An account. `person` ties it to the roster, when the holder is on it."""

    person = models.OneToOneField(
        "people.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="account"
    )
    display_name = models.CharField("姓名", max_length=50, blank=True)

    class Meta:
        verbose_name = "账号"
        verbose_name_plural = "账号"

    def __str__(self) -> str:
        return self.display_name or self.username


class RoleAssignment(models.Model):
    """A role held at an organization; it reaches the organization's subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="role_assignments")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["user", "role", "org"], name="unique_role_at_org")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} @ {self.org}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class ApiToken(models.Model):
    """A bearer token for integrations. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple[ApiToken, str]:
        raw = "dj_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, digest=cls.hash(raw), prefix=raw[:8])
        return token, raw


auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(RoleAssignment)
auditlog.register(ApiToken, exclude_fields=["digest", "last_used_at"])
