from __future__ import annotations

import hashlib
import secrets

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


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

# 三员分立: accounts, security settings and the audit trail are held by three
# different people. An account holding one of these holds no other role.
ADMIN_ROLES = (Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR)


class User(AbstractUser):
    """An account. `person` ties it to the roster, when the holder is on it."""

    person = models.OneToOneField(
        "people.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="account"
    )
    display_name = models.CharField("姓名", max_length=50, blank=True)
    # Expiry counts from here; set_password moves it.
    password_changed_at = models.DateTimeField("密码修改时间", default=timezone.now)
    # A generated password (new account, reset) must be replaced at the next login.
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = "账号"
        verbose_name_plural = "账号"

    def __str__(self) -> str:
        return self.display_name or self.username

    def set_password(self, raw_password: str | None) -> None:
        # The password being replaced joins the history too (validators.PasswordHistoryValidator),
        # even when it was set without the hook (create_user hashes directly).
        self._replaced_password = self.password
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()


class RoleAssignment(models.Model):
    """A role held at an organization; it reaches the organization's subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="role_assignments")
    granted_at = models.DateTimeField(auto_now_add=True)

    # The audit trail names grants and revocations as such (core.models.AuditEntryManager).
    audit_events = {0: "role_granted", 2: "role_revoked"}

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        constraints = [models.UniqueConstraint(fields=["user", "role", "org"], name="unique_role_at_org")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} @ {self.org}"

    def get_additional_data(self) -> dict[str, str]:
        """Who got which role where, readable in the trail even after the account or organization is gone."""
        return {
            "account": self.user.username,
            "role": self.role,
            "role_label": self.get_role_display(),
            "org_code": self.org.code,
            "org_name": self.org.name,
        }

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

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple[ApiToken, str]:
        raw = "dj_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, digest=cls.hash(raw), prefix=raw[:8])
        return token, raw


class PasswordHistory(models.Model):
    """The hashes of an account's recent passwords, so that none of the last few is reused."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"


class CredentialIssue(models.Model):
    """A new account's or a reset's password, waiting for the owner organization to confirm it.

    The system administrator asks (account created, password reset) and never sees a
    password; a confirmer (`permissions.may_confirm_credential`) confirms and is shown
    the generated password once. Nothing of the password is stored here.
    """

    class Kind(models.TextChoices):
        CREATED = "created", "新建账号"
        RESET = "reset", "重置密码"

    class Status(models.TextChoices):
        PENDING = "pending", "待确认"
        CONFIRMED = "confirmed", "已确认"
        CANCELLED = "cancelled", "已作废"

    account = models.ForeignKey(User, on_delete=models.CASCADE, related_name="credential_issues")
    kind = models.CharField("事由", max_length=16, choices=Kind.choices)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="申请人"
    )
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="确认人"
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("作废时间", null=True, blank=True)

    class Meta:
        verbose_name = "待确认密码"
        verbose_name_plural = "待确认密码"
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.account} · {self.get_kind_display()}"


class SecurityPolicy(models.Model):
    """The security administrator's settings: one row, read by validators, login and middleware.

    The lower bounds are the level-3 baseline (GB/T 22239-2019): the security
    administrator may tighten them, never loosen them below it.
    """

    password_min_length = models.PositiveSmallIntegerField(
        "密码最小长度", default=8, validators=[MinValueValidator(8), MaxValueValidator(64)]
    )
    password_min_classes = models.PositiveSmallIntegerField(
        "密码至少包含的字符种类",
        default=3,
        validators=[MinValueValidator(3), MaxValueValidator(4)],
        help_text="大写字母、小写字母、数字、符号四类中至少几类",
    )
    password_history = models.PositiveSmallIntegerField(
        "不得与最近几次密码相同", default=5, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    password_max_age_days = models.PositiveSmallIntegerField(
        "密码有效期（天）", default=90, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    lockout_failures = models.PositiveSmallIntegerField(
        "连续登录失败几次锁定", default=5, validators=[MinValueValidator(3), MaxValueValidator(10)]
    )
    lockout_minutes = models.PositiveSmallIntegerField(
        "锁定时长（分钟）", default=30, validators=[MinValueValidator(10), MaxValueValidator(1440)]
    )
    idle_minutes = models.PositiveSmallIntegerField(
        "无操作自动退出（分钟）", default=30, validators=[MinValueValidator(5), MaxValueValidator(120)]
    )
    otp_required_roles = models.JSONField("须使用动态口令的角色", default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    FIELDS = (
        "password_min_length",
        "password_min_classes",
        "password_history",
        "password_max_age_days",
        "lockout_failures",
        "lockout_minutes",
        "idle_minutes",
        "otp_required_roles",
    )

    class Meta:
        verbose_name = "安全策略"
        verbose_name_plural = "安全策略"

    def __str__(self) -> str:
        return "安全策略"

    @classmethod
    def load(cls) -> SecurityPolicy:
        policy, _ = cls.objects.get_or_create(pk=1)
        return policy

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.FIELDS}


class ActivationCode(models.Model):
    """A member account's one-time activation code, made in bulk from the roster (`member_accounts`).

    The member activates with their ID number and this code and chooses their own
    password there; the code then stops working. Its SHA-256 finds it; the code itself
    is kept encrypted (core.crypto) only until it is used or expires, so that the
    organization that made it can print its slip again. Every print and export of it
    is on the audit trail.
    """

    account = models.OneToOneField(User, on_delete=models.CASCADE, related_name="activation")
    digest = models.CharField(max_length=64, unique=True)
    code_enc = models.TextField(blank=True)
    batch = models.CharField("批次", max_length=32, db_index=True)
    org = models.ForeignKey(
        "orgs.Organization", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="建立范围"
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="建立人")
    created_at = models.DateTimeField("建立时间", default=timezone.now)
    expires_at = models.DateTimeField("有效期至")
    used_at = models.DateTimeField("激活时间", null=True, blank=True)

    class Meta:
        verbose_name = "激活码"
        verbose_name_plural = "激活码"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.account} · 激活码"

    @staticmethod
    def hash(code: str) -> str:
        return hashlib.sha256(code.strip().upper().replace("-", "").encode()).hexdigest()

    @property
    def audit_org_id(self) -> int | None:
        return self.org_id


auditlog.register(User, exclude_fields=["password", "last_login", "password_changed_at"])
auditlog.register(RoleAssignment)
auditlog.register(CredentialIssue)
auditlog.register(ApiToken, exclude_fields=["digest", "last_used_at"])
auditlog.register(ActivationCode, exclude_fields=["digest", "code_enc"])
