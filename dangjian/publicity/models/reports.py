"""What goes up to the upper committee: information reports (信息报送),
case studies (优秀案例) and research outputs (研究成果).

An organization drafts and submits; committee staff return it with comments
or send it up; the upper committee's adoption (采用, with its level) or award
is recorded afterwards. Status plus a timestamp per step, and a Step row for
each, shown as the record's history.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待工委审核"
    RETURNED = "returned", "已退回"
    SENT = "sent", "已报送"
    ADOPTED = "adopted", "已采用"


EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class InfoReport(models.Model):
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="info_reports", verbose_name="报送单位"
    )
    title = models.CharField("标题", max_length=120)
    body = models.TextField("正文")
    author = models.CharField("撰稿人", max_length=60, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="填报人"
    )
    status = models.CharField(
        "状态", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    sent_at = models.DateTimeField("报送时间", null=True, blank=True, db_index=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="报送人",
    )
    # When the adoption was recorded here (adopted_on: the date the upper committee adopted it).
    adopted_at = models.DateTimeField("登记采用时间", null=True, blank=True)
    adopted_on = models.DateField("采用日期", null=True, blank=True, db_index=True)
    adoption_level = models.CharField("采用级别", max_length=32, blank=True)
    adopted_in = models.CharField("采用载体", max_length=120, blank=True, help_text="如 《机关党建信息》第12期")

    class Meta:
        ordering = ["-sent_at", "-created_at", "-pk"]
        verbose_name = "信息报送"
        verbose_name_plural = "信息报送"

    def __str__(self) -> str:
        return self.title

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    def adoption_level_label(self) -> str:
        from dangjian.publicity.conf import PublicitySettings, label_of

        return label_of(PublicitySettings.current().adoption_levels, self.adoption_level) if self.adoption_level else ""


class PaperKind(models.TextChoices):
    CASE_STUDY = "case_study", "优秀案例"
    RESEARCH_OUTPUT = "research_output", "研究成果"


class Paper(models.Model):
    """A case study or a research output, submitted for a year's compilation (汇编)."""

    kind = models.CharField("类别", max_length=20, choices=PaperKind.choices)
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="papers", verbose_name="报送单位"
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    title = models.CharField("标题", max_length=120)
    authors = models.CharField("作者", max_length=120, blank=True)
    summary = models.TextField("摘要", blank=True)
    body = models.TextField("正文")
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="填报人"
    )
    status = models.CharField(
        "状态", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    sent_at = models.DateTimeField("报送时间", null=True, blank=True)
    award_level = models.CharField("获奖等次", max_length=32, blank=True)
    award_name = models.CharField("奖项名称", max_length=120, blank=True)
    awarded_on = models.DateField("获奖日期", null=True, blank=True)

    class Meta:
        ordering = ["-year", "org__path", "pk"]
        verbose_name = "优秀案例与研究成果"
        verbose_name_plural = "优秀案例与研究成果"

    def __str__(self) -> str:
        return self.title

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    def award_level_label(self) -> str:
        from dangjian.publicity.conf import PublicitySettings, label_of

        return label_of(PublicitySettings.current().award_levels, self.award_level) if self.award_level else ""


class Step(models.Model):
    """One step in the history of an information report or a paper."""

    class Action(models.TextChoices):
        CREATED = "created", "创建草稿"
        EDITED = "edited", "修改"
        SUBMITTED = "submitted", "提交工委"
        RETURNED = "returned", "退回修改"
        SENT = "sent", "报送上级"
        ADOPTED = "adopted", "上级采用"
        AWARDED = "awarded", "获奖"

    subject = models.CharField(max_length=16)  # "info_report" | "paper"
    subject_id = models.PositiveBigIntegerField()
    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    action = models.CharField("操作", max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField("时间")
    comment = models.TextField("意见", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["subject", "subject_id"])]
        verbose_name = "报送流转记录"
        verbose_name_plural = "报送流转记录"

    def __str__(self) -> str:
        return f"{self.subject} {self.subject_id} {self.get_action_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


auditlog.register(InfoReport)
auditlog.register(Paper)
