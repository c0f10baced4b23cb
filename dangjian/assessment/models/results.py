"""Marks given to organizations (self-evaluation, committee scoring), and the computed results.

A mark follows the indicator's KEY, the committee and the year, so a new
version of the scheme keeps the marks already given. Results are computed
and stored (`ResultSet` with one `OrgResult` per organization, breakdown
included), so the results page reads rows and never recomputes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from dangjian.orgs.models import Organization

from .scheme import Grade, Scheme


class MarkKind(models.TextChoices):
    SELF = "self", "自评"
    COMMITTEE = "committee", "工委评分"


class ReviewStatus(models.TextChoices):
    """The committee's review of a self-evaluation; only accepted or adjusted ones count."""

    PENDING = "pending", "待审核"
    ACCEPTED = "accepted", "已认可"
    ADJUSTED = "adjusted", "已调整"
    RETURNED = "returned", "已退回"


class Mark(models.Model):
    committee = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    indicator_key = models.CharField(max_length=20)
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="assessment_marks")
    kind = models.CharField("类别", max_length=10, choices=MarkKind.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField("得分", max_digits=5, decimal_places=1)
    note = models.TextField("说明", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Self-evaluations only: the committee's review (a committee score needs none).
    review_status = models.CharField(
        "审核状态", max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewed_points = models.DecimalField("审核得分", max_digits=5, decimal_places=1, null=True, blank=True)
    review_reason = models.TextField("审核意见", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        verbose_name = "考核评分"
        verbose_name_plural = "考核评分"
        ordering = ["org__path", "indicator_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "indicator_key", "org"],
                condition=Q(kind="self"),
                name="assessment_one_self_mark",
            ),
            models.UniqueConstraint(
                fields=["committee", "year", "indicator_key", "org", "assessor"],
                condition=Q(kind="committee"),
                name="assessment_one_mark_per_assessor",
            ),
        ]
        indexes = [models.Index(fields=["committee", "year"], name="assessment_mark_year")]

    def __str__(self) -> str:
        return f"{self.org.name} {self.indicator_key} {self.points}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def counts(self) -> bool:
        """A self-evaluation counts in the result once the committee accepted or adjusted it."""
        return self.review_status in (ReviewStatus.ACCEPTED, ReviewStatus.ADJUSTED)


class Evidence(models.Model):
    """An evidence file of a self-evaluation, checked by core.uploads.check_file (type from the bytes)."""

    mark = models.ForeignKey(Mark, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="assessment/evidence/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "自评佐证材料"
        verbose_name_plural = "自评佐证材料"
        ordering = ["mark", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.mark.org_id


class ResultStatus(models.TextChoices):
    COMPUTED = "computed", "已计算"
    NOTICE = "notice", "公示中"
    FINAL = "final", "已确定"


class ResultSet(models.Model):
    """The results of one scheme version: computed (recomputable) → in public notice → final."""

    scheme = models.OneToOneField(Scheme, on_delete=models.PROTECT, related_name="result_set")
    status = models.CharField("状态", max_length=10, choices=ResultStatus.choices, default=ResultStatus.COMPUTED)
    computed_at = models.DateTimeField("计算时间")
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    noticed_at = models.DateTimeField("公示开始时间", null=True, blank=True)
    notice_ends_on = models.DateField("公示截止日期", null=True, blank=True)
    finalized_at = models.DateTimeField("确定时间", null=True, blank=True)

    class Meta:
        verbose_name = "考核结果"
        verbose_name_plural = "考核结果"

    def __str__(self) -> str:
        return f"{self.scheme}结果"

    @property
    def audit_org_id(self) -> int:
        return self.scheme.committee_id


class OrgResult(models.Model):
    result_set = models.ForeignKey(ResultSet, on_delete=models.CASCADE, related_name="results")
    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="assessment_results")
    base_score = models.DecimalField("计算得分", max_digits=6, decimal_places=2)
    adjustment = models.DecimalField("异议调整", max_digits=6, decimal_places=2, default=0)
    score = models.DecimalField("综合得分", max_digits=6, decimal_places=2)
    raw_grade = models.CharField("分数对应等次", max_length=10, choices=Grade.choices)
    grade = models.CharField("等次", max_length=10, choices=Grade.choices)
    capped_by = models.JSONField("等次限制", default=list)
    components = models.JSONField("分项得分", default=dict)
    breakdown = models.JSONField("指标明细", default=list)
    rank = models.PositiveIntegerField("排名", default=0)

    class Meta:
        verbose_name = "组织考核结果"
        verbose_name_plural = "组织考核结果"
        ordering = ["result_set", "rank", "org__path"]
        constraints = [models.UniqueConstraint(fields=["result_set", "org"], name="assessment_one_result_per_org")]
        indexes = [models.Index(fields=["result_set", "rank"], name="assessment_result_rank")]

    def __str__(self) -> str:
        return f"{self.org.name} {self.score}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class ObjectionStatus(models.TextChoices):
    FILED = "filed", "待答复"
    ANSWERED = "answered", "已答复"


class Objection(models.Model):
    """An organization's objection to its result during the notice, and the committee's answer.

    SCORE_CHANGE is the answer's effect on the combined score (0: unchanged).
    """

    result = models.ForeignKey(OrgResult, on_delete=models.CASCADE, related_name="objections")
    text = models.TextField("异议内容")
    status = models.CharField("状态", max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.FILED)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filed_at = models.DateTimeField("提出时间")
    answer = models.TextField("答复", blank=True)
    score_change = models.DecimalField("分数调整", max_digits=5, decimal_places=2, default=0)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        verbose_name = "考核异议"
        verbose_name_plural = "考核异议"
        ordering = ["result", "filed_at", "id"]

    def __str__(self) -> str:
        return f"{self.result.org.name}的异议"

    @property
    def audit_org_id(self) -> int:
        return self.result.org_id
