"""Life after recognition: yearly re-evaluation (有进有出) and training and exchange events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from dangjian.orgs.models import Organization

from .brands import Brand


class Outcome(models.TextChoices):
    KEEP = "keep", "保留"
    DOWNGRADE = "downgrade", "降级整改"
    REVOKE = "revoke", "撤销认定"


class ReevalStatus(models.TextChoices):
    NOTICE = "notice", "公示中"
    EFFECTIVE = "effective", "已生效"
    WITHDRAWN = "withdrawn", "已撤回"


class Reevaluation(models.Model):
    """The year's re-evaluation of a listed brand. KEEP takes effect at once; a downgrade or a
    revocation is on public notice first and takes effect when confirmed after it."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="reevaluations")
    year = models.PositiveSmallIntegerField("年度")
    outcome = models.CharField("复评结论", max_length=10, choices=Outcome.choices)
    reasons = models.TextField("理由")
    status = models.CharField("状态", max_length=10, choices=ReevalStatus.choices)
    proposed_at = models.DateTimeField(default=timezone.now)
    notice_ends_on = models.DateField("公示截止日期", null=True, blank=True)
    effective_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    probation_until = models.DateField("整改期限", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "品牌复评"
        verbose_name_plural = "品牌复评"
        ordering = ["brand", "-year", "-id"]
        indexes = [models.Index(fields=["outcome", "status"], name="brands_reeval_outcome")]

    def __str__(self) -> str:
        return f"{self.brand} {self.year}年复评：{self.get_outcome_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.brand.org_id


class ExchangeKind(models.TextChoices):
    TRAINING = "training", "品牌培训"
    EXCHANGE = "exchange", "经验交流"


class ExchangeEvent(models.Model):
    """A brand training or exchange event where chosen organizations present their experience."""

    committee = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="brand_exchanges")
    kind = models.CharField("类别", max_length=10, choices=ExchangeKind.choices)
    title = models.CharField("活动名称", max_length=100)
    held_on = models.DateField("举办日期")
    place = models.CharField("地点", max_length=100)
    attendees = models.PositiveIntegerField("参加人次")
    counts_in_training = models.BooleanField("计入培训统计", default=False)
    note = models.TextField("活动情况", blank=True)
    presenters = models.ManyToManyField(Brand, through="Presentation", related_name="exchanges")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "品牌培训交流"
        verbose_name_plural = "品牌培训交流"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_org_id(self) -> int:
        return self.committee_id


class Presentation(models.Model):
    event = models.ForeignKey(ExchangeEvent, on_delete=models.CASCADE, related_name="presentations")
    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="presentations")
    topic = models.CharField("交流题目", max_length=100, blank=True)

    class Meta:
        verbose_name = "交流发言"
        verbose_name_plural = "交流发言"
        ordering = ["event", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "brand"], name="brands_presentation_once")]

    def __str__(self) -> str:
        return f"{self.event}：{self.brand}"

    @property
    def audit_org_id(self) -> int:
        return self.brand.org_id
