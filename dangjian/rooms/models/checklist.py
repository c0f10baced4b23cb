"""A committee's checklist (检查标准), versioned: a version used by an inspection is frozen."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from dangjian.orgs.models import Organization


class Checklist(models.Model):
    """One version of a committee's checklist. The newest version is the one in force.

    Once an inspection has used a version (`frozen_at` set), it never changes
    again: an edit then starts the next version, a copy of it.
    """

    committee = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="room_checklists")
    version = models.PositiveSmallIntegerField("版本")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    frozen_at = models.DateTimeField("启用时间", null=True, blank=True)

    class Meta:
        verbose_name = "活动室检查标准"
        verbose_name_plural = "活动室检查标准"
        ordering = ["committee", "-version"]
        constraints = [models.UniqueConstraint(fields=["committee", "version"], name="rooms_checklist_version")]

    def __str__(self) -> str:
        return f"{self.committee.name}活动室检查标准（第{self.version}版）"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def audit_org_id(self) -> int:
        return self.committee_id


class ChecklistItem(models.Model):
    """An item of one version. KEY stays the same across versions (a rectification follows it)."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField("序号")
    title = models.CharField("检查项", max_length=60)
    description = models.CharField("检查内容", max_length=300, blank=True)
    required = models.BooleanField("必备项", default=True)

    class Meta:
        verbose_name = "检查项"
        verbose_name_plural = "检查项"
        ordering = ["checklist", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "key"], name="rooms_item_key"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_org_id(self) -> int:
        return self.checklist.committee_id
