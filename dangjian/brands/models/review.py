"""Review of a batch: its reviewers, their scores on the rubric, on-site visits with photos."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .brands import Brand
from .plans import Batch


class Reviewer(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="brand_reviews")
    title = models.CharField("身份", max_length=60, blank=True)  # 工委组织部、党建专家 …

    class Meta:
        verbose_name = "评审专家"
        verbose_name_plural = "评审专家"
        ordering = ["batch", "id"]
        constraints = [models.UniqueConstraint(fields=["batch", "user"], name="brands_reviewer_once")]

    def __str__(self) -> str:
        return self.user.display_name or self.user.username

    @property
    def audit_org_id(self) -> int:
        return self.batch.committee_id


class Score(models.Model):
    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="scores")
    parts = models.JSONField(default=dict)  # {rubric key: points}
    total = models.DecimalField("总分", max_digits=5, decimal_places=1)
    opinion = models.TextField("评审意见", blank=True)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "评审得分"
        verbose_name_plural = "评审得分"
        ordering = ["brand", "reviewer"]
        constraints = [models.UniqueConstraint(fields=["brand", "reviewer"], name="brands_score_once")]

    def __str__(self) -> str:
        return f"{self.brand} {self.reviewer}：{self.total}"

    @property
    def audit_org_id(self) -> int:
        return self.brand.org_id


class SiteVisit(models.Model):
    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("考察日期")
    visitors = models.CharField("考察人员", max_length=100)
    note = models.TextField("考察情况")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "实地考察"
        verbose_name_plural = "实地考察"
        ordering = ["brand", "-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.brand} 实地考察（{self.visited_on:%Y-%m-%d}）"

    @property
    def audit_org_id(self) -> int:
        return self.brand.org_id


class VisitPhoto(models.Model):
    """A photo of a visit, cleaned by core.uploads.clean_image (no EXIF), with a thumbnail."""

    visit = models.ForeignKey(SiteVisit, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="brands/visits/%Y/%m/")
    thumbnail = models.FileField(upload_to="brands/visits/%Y/%m/")
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "考察照片"
        verbose_name_plural = "考察照片"
        ordering = ["visit", "id"]

    def __str__(self) -> str:
        return str(self.file.name)

    @property
    def audit_org_id(self) -> int:
        return self.visit.brand.org_id
