"""Rooms, their inspections item by item (with photos), and the rectifications of failed items."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from dangjian.orgs.models import Organization

from .checklist import Checklist, ChecklistItem


class Room(models.Model):
    """An organization's party-member activity room (one per organization)."""

    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="activity_room")
    name = models.CharField("名称", max_length=60, default="党员活动室")
    location = models.CharField("位置", max_length=120)
    area_m2 = models.DecimalField("使用面积（平方米）", max_digits=7, decimal_places=1)
    manager_name = models.CharField("管理人", max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Kept by the services from the latest inspection, for the lists (the figures read the inspections).
    latest_inspection = models.ForeignKey(
        "Inspection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "党员活动室"
        verbose_name_plural = "党员活动室"
        ordering = ["org__path"]

    def __str__(self) -> str:
        return f"{self.org.name}{self.name}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class InspectionKind(models.TextChoices):
    FULL = "full", "检查"
    RECHECK = "recheck", "复查"


class Inspection(models.Model):
    """An inspection of ROOM against one checklist version, with a verdict for each item.

    A recheck (复查) looks again only at the items under rectification; the
    other verdicts are carried over from the inspection it rechecks, so every
    inspection holds a whole set of verdicts and PASSED is read from it alone.
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="inspections")
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField("类别", max_length=10, choices=InspectionKind.choices, default=InspectionKind.FULL)
    rechecks = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("检查日期")
    inspectors = models.CharField("检查人员", max_length=100)
    note = models.TextField("总体意见", blank=True)
    passed = models.BooleanField("达标")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "活动室检查"
        verbose_name_plural = "活动室检查"
        ordering = ["room", "-held_on", "-id"]
        indexes = [models.Index(fields=["room", "held_on"], name="rooms_inspection_room_day")]

    def __str__(self) -> str:
        return f"{self.room} {self.get_kind_display()}（{self.held_on:%Y-%m-%d}）"

    @property
    def audit_org_id(self) -> int:
        return self.room.org_id


class Verdict(models.Model):
    """The verdict on one item: passed, failed, or (a recommended item) not assessed (PASSED None)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="verdicts")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    passed = models.BooleanField("合格", null=True)
    note = models.CharField("说明", max_length=300, blank=True)
    carried = models.BooleanField("沿用上次检查", default=False)

    class Meta:
        verbose_name = "检查结果"
        verbose_name_plural = "检查结果"
        ordering = ["inspection", "item__position"]
        constraints = [models.UniqueConstraint(fields=["inspection", "item"], name="rooms_verdict_item")]

    def __str__(self) -> str:
        return f"{self.item.title}：{'合格' if self.passed else '不合格' if self.passed is False else '未检查'}"

    @property
    def audit_org_id(self) -> int:
        return self.inspection.room.org_id


class Photo(models.Model):
    """A photo of an item, cleaned by core.uploads.clean_image (no EXIF), with a thumbnail."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="rooms/photos/%Y/%m/")
    thumbnail = models.FileField(upload_to="rooms/photos/%Y/%m/")
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "检查照片"
        verbose_name_plural = "检查照片"
        ordering = ["verdict", "id"]

    def __str__(self) -> str:
        return str(self.file.name)

    @property
    def audit_org_id(self) -> int:
        return self.verdict.inspection.room.org_id


class RectificationStatus(models.TextChoices):
    OPEN = "open", "整改中"
    CLOSED = "closed", "已整改"
    WITHDRAWN = "withdrawn", "已撤销"


class Rectification(models.Model):
    """A task to put right an item an inspection failed, by DEADLINE; a later inspection that passes
    the item (a recheck or a full inspection) closes it."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="rectifications")
    raised_by = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="rectifications_raised")
    item_key = models.CharField(max_length=20)
    item_title = models.CharField("检查项", max_length=60)
    requirement = models.CharField("整改要求", max_length=300)
    deadline = models.DateField("整改期限")
    status = models.CharField(
        "状态", max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="rectifications_closed"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "整改任务"
        verbose_name_plural = "整改任务"
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"], name="rooms_rect_status_deadline")]

    def __str__(self) -> str:
        return f"{self.room} {self.item_title}整改（{self.deadline:%Y-%m-%d} 前）"

    @property
    def audit_org_id(self) -> int:
        return self.room.org_id

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == RectificationStatus.OPEN and self.deadline < today
