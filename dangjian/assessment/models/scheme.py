"""The year's scheme (考核方案): per committee and year, categories → indicators, versioned.

A scheme is a draft until published; a published version never changes again:
a change starts the next version (a copy, a draft), and the old one is kept.
The newest published version of a (committee, year) is the one in force.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from dangjian.orgs.models import Organization


class Component(models.TextChoices):
    """The three reviews the committee merged into one (DOMAIN.md: assessment with components)."""

    PERFORMANCE = "performance", "绩效考核"
    PARTY = "party", "党建考核"
    EVALUATION = "evaluation", "述职评议"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    FAIR = "fair", "一般"
    POOR = "poor", "较差"


GRADE_ORDER = [Grade.EXCELLENT, Grade.GOOD, Grade.FAIR, Grade.POOR]  # best first


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class Scheme(models.Model):
    committee = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="assessment_schemes")
    year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveSmallIntegerField("版本", default=1)
    title = models.CharField("方案名称", max_length=100)
    status = models.CharField("状态", max_length=10, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    closing_on = models.DateField("考核截止日期")
    weight_performance = models.PositiveSmallIntegerField("绩效考核权重（%）")
    weight_party = models.PositiveSmallIntegerField("党建考核权重（%）")
    weight_evaluation = models.PositiveSmallIntegerField("述职评议权重（%）")
    excellent_from = models.DecimalField("优秀分数线", max_digits=5, decimal_places=1)
    good_from = models.DecimalField("良好分数线", max_digits=5, decimal_places=1)
    fair_from = models.DecimalField("一般分数线", max_digits=5, decimal_places=1)
    # Gates: the best grade an organization may get when it fails the gate ("" = no gate).
    room_gate_cap = models.CharField(
        "活动室未达标最高等次", max_length=10, choices=Grade.choices, blank=True, default=Grade.GOOD
    )
    election_gate_cap = models.CharField(
        "换届超期最高等次", max_length=10, choices=Grade.choices, blank=True, default=Grade.GOOD
    )
    notice_working_days = models.PositiveSmallIntegerField("公示期（工作日）", default=5)
    assessors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="assessment_schemes")
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = "考核方案"
        verbose_name_plural = "考核方案"
        ordering = ["committee", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year", "version"], name="assessment_scheme_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（第{self.version}版）"

    @property
    def is_published(self) -> bool:
        return self.status == SchemeStatus.PUBLISHED

    @property
    def audit_org_id(self) -> int:
        return self.committee_id

    def component_weights(self) -> dict[str, int]:
        return {
            Component.PERFORMANCE: self.weight_performance,
            Component.PARTY: self.weight_party,
            Component.EVALUATION: self.weight_evaluation,
        }

    def grade_for(self, score: Decimal) -> str:
        if score >= self.excellent_from:
            return Grade.EXCELLENT
        if score >= self.good_from:
            return Grade.GOOD
        if score >= self.fair_from:
            return Grade.FAIR
        return Grade.POOR


class Category(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="categories")
    component = models.CharField("考核类别", max_length=12, choices=Component.choices)
    name = models.CharField("名称", max_length=60)
    position = models.PositiveSmallIntegerField("序号", default=1)

    class Meta:
        verbose_name = "考核类目"
        verbose_name_plural = "考核类目"
        ordering = ["scheme", "position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.scheme.committee_id


class Source(models.TextChoices):
    AUTO = "auto", "系统自动取数"
    SELF = "self", "组织自评"
    COMMITTEE = "committee", "工委评分"
    EVALUATION = "evaluation", "述职评议结果"


class Rule(models.TextChoices):
    TARGET = "target", "达到目标值得满分，不足按比例"
    RATE = "rate", "得分 = 满分 × 比率（%）"
    PER_UNIT = "per_unit", "每项计分，不超过满分"
    MANUAL = "manual", "评分（0 至满分）"


class Indicator(models.Model):
    """One indicator: its share of its component (WEIGHT, percent), its maximum, rule and source.

    An automatic indicator reads METRIC_KEY from the statistics registry for the
    organization's subtree and the scheme's year (divided by its party members
    when PER_MEMBER); the evaluation source reads the 述职评议 score.
    KEY stays the same across versions and copies (marks follow it).
    """

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(max_length=20)
    name = models.CharField("指标", max_length=100)
    description = models.CharField("评分说明", max_length=300, blank=True)
    position = models.PositiveSmallIntegerField("序号", default=1)
    weight = models.DecimalField("权重（%）", max_digits=5, decimal_places=1)
    max_points = models.DecimalField("满分", max_digits=5, decimal_places=1)
    source = models.CharField("数据来源", max_length=12, choices=Source.choices)
    rule = models.CharField("计分规则", max_length=10, choices=Rule.choices)
    metric_key = models.CharField("统计指标", max_length=60, blank=True)
    per_member = models.BooleanField("按党员人数平均", default=False)
    target = models.DecimalField("目标值", max_digits=10, decimal_places=2, null=True, blank=True)
    per_unit = models.DecimalField("每项得分", max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ["category__position", "category_id", "position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.category.scheme.committee_id

    @property
    def is_automatic(self) -> bool:
        return self.source in (Source.AUTO, Source.EVALUATION)
