"""A committee's brand plan (创建规划), its stages (培育 → 认定 → 深化) and the batches of each stage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from dangjian.orgs.models import Organization


class Plan(models.Model):
    """A multi-year plan of a committee, e.g. 2019–2021 “一支部一品牌” 三年行动计划."""

    committee = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="brand_plans")
    name = models.CharField("规划名称", max_length=100)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    description = models.TextField("主要内容", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "品牌创建规划"
        verbose_name_plural = "品牌创建规划"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.committee_id


class StageKind(models.TextChoices):
    CULTIVATE = "cultivate", "培育"
    RECOGNIZE = "recognize", "认定"
    DEEPEN = "deepen", "深化"


class Stage(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField("阶段类别", max_length=12, choices=StageKind.choices)
    name = models.CharField("阶段名称", max_length=60)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")

    class Meta:
        verbose_name = "规划阶段"
        verbose_name_plural = "规划阶段"
        ordering = ["plan", "starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.plan.name} · {self.name}"

    @property
    def audit_org_id(self) -> int:
        return self.plan.committee_id


class BatchStatus(models.TextChoices):
    OPEN = "open", "征集中"
    REVIEWING = "reviewing", "评审中"
    NOTICE = "notice", "公示中"
    RECOGNIZED = "recognized", "已认定"


class Batch(models.Model):
    """One round of submissions, reviewed and recognized together (第一批、第二批 …).

    open → reviewing (submissions closed, reviewers score) → notice (the
    committee's selection published, `notice_ends_on`) → recognized.
    """

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="batches")
    name = models.CharField("批次名称", max_length=60)
    year = models.PositiveSmallIntegerField("年度")
    submit_by = models.DateField("申报截止日期")
    status = models.CharField("状态", max_length=12, choices=BatchStatus.choices, default=BatchStatus.OPEN)
    # The rubric in force for the batch: [[key, title, most], …], frozen when the batch is created.
    rubric = models.JSONField("评分细则", default=list)
    notice_text = models.TextField("公示说明", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    reviewing_at = models.DateTimeField(null=True, blank=True)
    noticed_at = models.DateTimeField(null=True, blank=True)
    notice_ends_on = models.DateField("公示截止日期", null=True, blank=True)
    recognized_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "品牌批次"
        verbose_name_plural = "品牌批次"
        ordering = ["-year", "stage__starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.year}年{self.name}"

    @property
    def audit_org_id(self) -> int:
        return self.stage.plan.committee_id

    @property
    def committee_id(self) -> int:
        return self.stage.plan.committee_id

    def rubric_items(self) -> list[tuple[str, str, int]]:
        return [(str(k), str(t), int(m)) for k, t, m in self.rubric]

    @property
    def full_marks(self) -> int:
        return sum(m for _, _, m in self.rubric_items())
