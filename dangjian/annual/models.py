"""The committee's year-end work report (年度工作报告): its sections, its frozen figures, its jobs.

Lifecycle of a report: draft → frozen → sent, and frozen → draft again (reopened) until it is
sent. While a draft, its figures are read live from the statistics registry; freezing stores
each figure with the records behind it (FrozenFigure), so a later change to a record does not
change a frozen or sent report. Only dangjian.annual.services changes the status and its
timestamps.
"""

from __future__ import annotations

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone

from dangjian.core.jobs import ProgressJob


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    FROZEN = "frozen", "数据已冻结"
    SENT = "sent", "已报送宣传平台"


class AnnualReport(models.Model):
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="annual_reports", verbose_name="组织"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=120)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="起草人",
    )
    created_at = models.DateTimeField("起草时间", default=timezone.now)
    updated_at = models.DateTimeField("修改时间", default=timezone.now)
    frozen_at = models.DateTimeField("冻结时间", null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="冻结人",
    )
    reopened_at = models.DateTimeField("解除冻结时间", null=True, blank=True)
    sent_at = models.DateTimeField("报送时间", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="报送人",
    )
    # The publicity article the report became (publicity's own id: this app holds no key to its models).
    article_id = models.PositiveBigIntegerField("宣传稿件编号", null=True, blank=True)

    class Meta:
        ordering = ["-year", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="annual_one_report_per_org_year")]
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"

    def __str__(self) -> str:
        return self.title

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.status == Status.FROZEN

    @property
    def is_sent(self) -> bool:
        return self.status == Status.SENT


class ReportSection(models.Model):
    """One work line's paragraph: a heading and a template whose {key} placeholders are figures."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections", verbose_name="报告")
    position = models.PositiveSmallIntegerField("顺序")
    line = models.CharField("工作条线", max_length=20, blank=True)
    heading = models.CharField("标题", max_length=80)
    template = models.TextField("段落")

    class Meta:
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "position"], name="annual_section_position")]
        verbose_name = "报告段落"
        verbose_name_plural = "报告段落"

    def __str__(self) -> str:
        return self.heading


class FrozenFigure(models.Model):
    """A figure as it stood when the report was frozen, with the records behind it."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="figures", verbose_name="报告")
    key = models.CharField("指标键", max_length=80)
    label = models.CharField("指标", max_length=80)
    unit = models.CharField("单位", max_length=10, blank=True)
    value = models.FloatField("数值")
    previous = models.FloatField("上年数值", null=True, blank=True)
    source = models.CharField("来源", max_length=80, blank=True)  # the app's Chinese name
    records_url = models.CharField("记录页", max_length=300, blank=True)  # the records page, with ?org&year
    # {metric key: [[record id, label], ...]} for the owner and each contribution that lists its records.
    records = models.JSONField("记录明细", default=dict, blank=True)

    class Meta:
        ordering = ["report", "key"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="annual_frozen_key")]
        verbose_name = "冻结数据"
        verbose_name_plural = "冻结数据"

    def __str__(self) -> str:
        return f"{self.label} {self.value:g}{self.unit}"


class JobKind(models.TextChoices):
    FREEZE = "freeze", "冻结数据"
    DOCX = "docx", "生成 Word"
    PDF = "pdf", "生成 PDF"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队等待"
    RUNNING = "running", "正在生成"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
    INTERRUPTED = "interrupted", "已中断"


class ReportJob(ProgressJob):
    """Work on a big subtree's report done by the task worker: queued → running → done | failed."""

    id = models.UUIDField("编号", primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="jobs", verbose_name="报告")
    kind = models.CharField("类别", max_length=10, choices=JobKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="发起人"
    )
    status = models.CharField("状态", max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    output = models.BinaryField("文件", null=True, blank=True)
    file_name = models.CharField("文件名", max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "年度报告后台任务"
        verbose_name_plural = "年度报告后台任务"

    def __str__(self) -> str:
        return f"{self.report}（{self.get_kind_display()}，{self.get_status_display()}）"

    @property
    def audit_org_id(self) -> int:
        return self.report.org_id


auditlog.register(AnnualReport)
auditlog.register(ReportSection)
auditlog.register(FrozenFigure, exclude_fields=["records"])
