"""An organization's brand: the five elements, its logo, evidence, every submitted version, its history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from dangjian.orgs.models import Organization

from .plans import Batch


class BrandStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已申报"
    RETURNED = "returned", "退回修改"
    NOT_SELECTED = "not_selected", "未入选"
    SELECTED = "selected", "拟认定（公示中）"
    RECOGNIZED = "recognized", "已认定"
    DOWNGRADED = "downgraded", "降级整改"
    REVOKED = "revoked", "已撤销认定"


# A brand in one of these counts as the organization's one brand (一支部一品牌).
ACTIVE = (
    BrandStatus.DRAFT,
    BrandStatus.SUBMITTED,
    BrandStatus.RETURNED,
    BrandStatus.SELECTED,
    BrandStatus.RECOGNIZED,
    BrandStatus.DOWNGRADED,
)
# Those on the public list (有进有出: a revoked brand leaves it).
LISTED = (BrandStatus.RECOGNIZED, BrandStatus.DOWNGRADED)
EDITABLE = (BrandStatus.DRAFT, BrandStatus.RETURNED)

# The five elements (DOMAIN.md): field, title. The logo is an image, the others text.
ELEMENTS: tuple[tuple[str, str], ...] = (
    ("name", "品牌名称"),
    ("logo", "品牌标识"),
    ("meaning", "品牌内涵"),
    ("vehicle", "品牌载体"),
    ("impact", "品牌成效"),
)


class Brand(models.Model):
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="brands")
    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="brands")
    status = models.CharField("状态", max_length=14, choices=BrandStatus.choices, default=BrandStatus.DRAFT)
    name = models.CharField("品牌名称", max_length=40)
    slogan = models.CharField("品牌口号", max_length=60, blank=True)
    meaning = models.TextField("品牌内涵", blank=True)
    vehicle = models.TextField("品牌载体", blank=True)
    impact = models.TextField("品牌成效", blank=True)
    logo = models.FileField(upload_to="brands/logos/%Y/", blank=True)
    logo_thumb = models.FileField(upload_to="brands/logos/%Y/", blank=True)
    logo_type = models.CharField(max_length=32, blank=True)
    logo_sha256 = models.CharField(max_length=64, blank=True)
    logo_width = models.PositiveIntegerField(null=True, blank=True)
    logo_height = models.PositiveIntegerField(null=True, blank=True)
    # The content gate's findings at the last submission (warnings only: a blocking finding refuses it).
    scan_findings = models.JSONField(default=list, blank=True)
    version_count = models.PositiveIntegerField(default=0)
    certificate_no = models.CharField("认定证书编号", max_length=40, blank=True)
    verify_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    not_selected_at = models.DateTimeField(null=True, blank=True)
    selected_at = models.DateTimeField(null=True, blank=True)
    recognized_at = models.DateTimeField(null=True, blank=True)
    downgraded_at = models.DateTimeField(null=True, blank=True)
    probation_until = models.DateField("整改期限", null=True, blank=True)
    restored_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "党建品牌"
        verbose_name_plural = "党建品牌"
        ordering = ["org__path", "-id"]
        indexes = [
            models.Index(fields=["batch", "status"], name="brands_brand_batch_status"),
            models.Index(fields=["status"], name="brands_brand_status"),
        ]

    def __str__(self) -> str:
        return f"{self.org.name}“{self.name}”"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_listed(self) -> bool:
        return self.status in LISTED


class BrandVersion(models.Model):
    """What was submitted, as it was: one row per submission (a returned brand resubmitted adds one)."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    name = models.CharField("品牌名称", max_length=40)
    slogan = models.CharField("品牌口号", max_length=60, blank=True)
    meaning = models.TextField("品牌内涵")
    vehicle = models.TextField("品牌载体")
    impact = models.TextField("品牌成效")
    logo = models.CharField(max_length=200)  # the stored file's name (a new logo is a new file: old ones stay)
    logo_thumb = models.CharField(max_length=200)
    logo_sha256 = models.CharField(max_length=64)
    evidence = models.JSONField(default=list)  # [{"id", "name", "sha256", "size"}] as submitted
    submitted_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "品牌申报版本"
        verbose_name_plural = "品牌申报版本"
        ordering = ["brand", "-number"]
        constraints = [models.UniqueConstraint(fields=["brand", "number"], name="brands_version_number")]

    def __str__(self) -> str:
        return f"{self.brand} 第{self.number}版"

    @property
    def audit_org_id(self) -> int:
        return self.brand.org_id


class Evidence(models.Model):
    """A supporting file (佐证材料). Removing one from a draft keeps the row for the versions naming it."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="brands/evidence/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["brand", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.brand.org_id


class BrandEvent(models.Model):
    """One step in a brand's life, with who, when, the comment and the states before and after."""

    class Action(models.TextChoices):
        CREATED = "created", "创建草稿"
        SAVED = "saved", "修改草稿"
        SUBMITTED = "submitted", "提交申报"
        RETURNED = "returned", "退回修改"
        SCORED = "scored", "评审打分"
        VISITED = "visited", "实地考察"
        NOT_SELECTED = "not_selected", "未入选"
        SELECTED = "selected", "拟认定公示"
        RECOGNIZED = "recognized", "认定"
        KEPT = "kept", "复评保留"
        PROPOSED = "proposed", "复评结论公示"
        WITHDRAWN = "withdrawn", "撤回复评结论"
        DOWNGRADED = "downgraded", "降级"
        RESTORED = "restored", "恢复认定"
        REVOKED = "revoked", "撤销认定"
        PRESENTED = "presented", "培训交流发言"

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=14, choices=Action.choices)
    from_status = models.CharField(max_length=14, blank=True)
    to_status = models.CharField(max_length=14, blank=True)
    comment = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "品牌记录"
        verbose_name_plural = "品牌记录"
        ordering = ["brand", "at", "id"]

    def __str__(self) -> str:
        return f"{self.brand} {self.get_action_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.brand.org_id

    def status_label(self, value: str) -> str:
        return str(BrandStatus(value).label) if value in BrandStatus.values else value

    @property
    def from_label(self) -> str:
        return self.status_label(self.from_status)

    @property
    def to_label(self) -> str:
        return self.status_label(self.to_status)
