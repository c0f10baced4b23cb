"""Volunteer activities and the sign-ups to them.

Lifecycle of an activity: draft → published (→ cancelled), kept as a status
plus `published_at` / `cancelled_at`; hours are confirmed once
(`hours_confirmed_at`), after which they are part of the volunteers' records.

A participation (报名) is confirmed (has a place), waiting (候补) or cancelled.
`seq` is the order of arrival, handed out while the activity row is locked
(see services.signup), so the waiting list is ordered by it and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .structure import Brigade, Pairing, Team, Volunteer


class ActivityKind(models.TextChoices):
    TRAFFIC = "traffic", "文明交通劝导"
    PAIRING = "pairing", "结对共建"
    EPIDEMIC = "epidemic", "疫情防控"
    ENVIRONMENT = "environment", "环境整治"
    OTHER = "other", "其他"


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    CANCELLED = "cancelled", "已取消"


class Activity(models.Model):
    # The brigade's organization, copied when the activity is created: scoping and
    # the statistics filter on it without joining through the brigade.
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="所属党组织")
    brigade = models.ForeignKey(Brigade, on_delete=models.PROTECT, related_name="activities", verbose_name="支队")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities", verbose_name="分队"
    )
    pairing = models.ForeignKey(
        Pairing, null=True, blank=True, on_delete=models.PROTECT, related_name="activities", verbose_name="结对共建"
    )
    title = models.CharField("活动名称", max_length=100)
    kind = models.CharField("活动类型", max_length=20, choices=ActivityKind.choices)
    place = models.CharField("活动地点", max_length=200)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    signup_deadline = models.DateTimeField("报名截止时间")
    places = models.PositiveIntegerField("招募人数")
    requirements = models.TextField("参加要求", blank=True)
    organizer = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="负责人"
    )
    status = models.CharField(
        "状态", max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    # Next arrival number; only ever increased with the activity row locked.
    signup_seq = models.PositiveIntegerField(default=0, editable=False)
    # The secret in the check-in QR code.
    checkin_token = models.CharField(max_length=32, unique=True, editable=False)
    hours_confirmed_at = models.DateTimeField("时长确认时间", null=True, blank=True)
    hours_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "志愿服务活动"
        verbose_name_plural = "志愿服务活动"
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["org", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_published(self) -> bool:
        return self.status == ActivityStatus.PUBLISHED

    @property
    def hours_locked(self) -> bool:
        return self.hours_confirmed_at is not None


class ParticipationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "已报名"
    WAITING = "waiting", "候补"
    CANCELLED = "cancelled", "已取消"


class Participation(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="participations")
    # The volunteer's team at sign-up: the team rankings credit hours to it.
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField("报名状态", max_length=20, choices=ParticipationStatus.choices)
    seq = models.PositiveIntegerField("报名顺序")
    signed_up_at = models.DateTimeField("报名时间")
    confirmed_at = models.DateTimeField("获得名额时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    checked_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    checked_out_at = models.DateTimeField("签退时间", null=True, blank=True)
    # Who marked the attendance; empty when the volunteer scanned the QR code.
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hours = models.DecimalField("服务时长（小时）", max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = "活动报名"
        verbose_name_plural = "活动报名"
        ordering = ["activity_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "volunteer"], name="volunteer_one_signup_per_activity"),
            models.UniqueConstraint(fields=["activity", "seq"], name="volunteer_signup_seq_unique"),
        ]
        indexes = [models.Index(fields=["activity", "status", "seq"])]

    def __str__(self) -> str:
        return f"{self.activity} · {self.volunteer}"

    @property
    def audit_org_id(self) -> int:
        return self.activity.org_id


class HoursAdjustment(models.Model):
    """An organizer's change of a participant's hours before confirmation, with the reason."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="adjustments")
    old_hours = models.DecimalField("原时长", max_digits=5, decimal_places=2, null=True)
    new_hours = models.DecimalField("调整后时长", max_digits=5, decimal_places=2)
    reason = models.CharField("调整原因", max_length=200)
    adjusted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    adjusted_at = models.DateTimeField("调整时间")

    class Meta:
        verbose_name = "时长调整"
        verbose_name_plural = "时长调整"
        ordering = ["adjusted_at", "id"]

    def __str__(self) -> str:
        return f"{self.old_hours} → {self.new_hours}：{self.reason}"

    @property
    def audit_org_id(self) -> int:
        return self.participation.activity.org_id
