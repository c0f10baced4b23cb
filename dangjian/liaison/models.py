"""联系点 (liaison points) with their visits and follow-up items; 流动讲堂 (mobile lectures)
with attendances and materials; and organizations' requests for a lecture topic.

Everything belongs to one organization of the tree (the one paired or visited),
which is how it is scoped: committee staff see all, an organization's
administrators their subtree.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone


class LiaisonPoint(models.Model):
    """A committee cadre paired with an organization for a period (ENDED_ON blank: until further notice)."""

    cadre = models.ForeignKey(
        "people.Member", on_delete=models.PROTECT, related_name="liaison_points", verbose_name="联系干部"
    )
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="liaison_points", verbose_name="联系组织"
    )
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    notes = models.TextField("联系内容", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "联系点"
        verbose_name_plural = "联系点"
        ordering = ["org__path", "started_on", "id"]
        indexes = [models.Index(fields=["started_on", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.cadre.name} 联系 {self.org.name}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def period_label(self) -> str:
        if self.ended_on is None:
            return f"{self.started_on:%Y-%m-%d} 起"
        return f"{self.started_on:%Y-%m-%d} 至 {self.ended_on:%Y-%m-%d}"


class Visit(models.Model):
    """A visit of the cadre to the paired organization: what was found and what was advised."""

    point = models.ForeignKey(LiaisonPoint, on_delete=models.PROTECT, related_name="visits", verbose_name="联系点")
    # The point's organization, kept on the visit so figures and the unvisited page read one table.
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="走访组织")
    visited_on = models.DateField("走访日期")
    found = models.TextField("了解的情况和发现的问题")
    advised = models.TextField("提出的意见建议", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "走访记录"
        verbose_name_plural = "走访记录"
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["visited_on", "org"])]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} 走访{self.org.name}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "跟进中"
    CLOSED = "closed", "已办结"


class FollowUp(models.Model):
    """An item a visit left to follow up, open until closed."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="followups", verbose_name="走访")
    content = models.CharField("跟进事项", max_length=300)
    status = models.CharField("状态", max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_note = models.CharField("办结情况", max_length=300, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "跟进事项"
        verbose_name_plural = "跟进事项"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.content

    @property
    def audit_org_id(self) -> int:
        return self.visit.org_id

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.OPEN


class LectureStatus(models.TextChoices):
    SCHEDULED = "scheduled", "已安排"
    HELD = "held", "已举办"


class MobileLecture(models.Model):
    """流动讲堂: a lecture the committee takes to an organization on a day."""

    topic = models.CharField("讲堂主题", max_length=200)
    lecturer = models.CharField("主讲人", max_length=100)
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="mobile_lectures", verbose_name="走进组织"
    )
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=200, blank=True)
    status = models.CharField("状态", max_length=10, choices=LectureStatus.choices, default=LectureStatus.SCHEDULED)
    scheduled_at = models.DateTimeField("安排时间", default=timezone.now)
    held_at = models.DateTimeField("确认举办时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "流动讲堂"
        verbose_name_plural = "流动讲堂"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["status", "held_on"])]

    def __str__(self) -> str:
        return f"{self.topic}（{self.held_on:%Y-%m-%d}）"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_held(self) -> bool:
        return self.status == LectureStatus.HELD


class LectureAttendance(models.Model):
    """One person at one lecture: a person-time (人次)."""

    lecture = models.ForeignKey(MobileLecture, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey("people.Member", on_delete=models.PROTECT, related_name="+", verbose_name="听讲人员")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "讲堂听讲记录"
        verbose_name_plural = "讲堂听讲记录"
        constraints = [
            models.UniqueConstraint(fields=["lecture", "member"], name="liaison_attendance_once_per_lecture")
        ]

    def __str__(self) -> str:
        return f"{self.lecture_id}:{self.member_id}"

    @property
    def audit_org_id(self) -> int:
        return self.lecture.org_id


def material_path(instance: LectureMaterial, filename: str) -> str:
    """A random name under liaison/lectures/<year>/: the uploaded name is kept in the row only."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"liaison/lectures/{timezone.localdate():%Y}/{secrets.token_hex(16)}{suffix}"


class LectureMaterial(models.Model):
    lecture = models.ForeignKey(MobileLecture, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField("文件", upload_to=material_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小（字节）")
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "讲堂材料"
        verbose_name_plural = "讲堂材料"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.lecture.org_id

    @property
    def size_label(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / 1024 / 1024:.1f} MB"
        return f"{max(1, self.size // 1024)} KB"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "待安排"
    SCHEDULED = "scheduled", "已安排"
    HELD = "held", "已举办"
    DECLINED = "declined", "未安排"


class LectureRequest(models.Model):
    """An organization asks for a lecture on a topic (点单); committee staff schedule it or decline."""

    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="lecture_requests", verbose_name="申请组织"
    )
    topic = models.CharField("希望讲授的主题", max_length=200)
    notes = models.TextField("说明（听众、时间等）", blank=True)
    status = models.CharField("状态", max_length=10, choices=RequestStatus.choices, default=RequestStatus.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    lecture = models.OneToOneField(
        MobileLecture, null=True, blank=True, on_delete=models.SET_NULL, related_name="request", verbose_name="讲堂"
    )
    scheduled_at = models.DateTimeField("安排时间", null=True, blank=True)
    held_at = models.DateTimeField("举办时间", null=True, blank=True)
    declined_at = models.DateTimeField("答复时间", null=True, blank=True)
    decline_reason = models.CharField("不予安排的理由", max_length=300, blank=True)

    class Meta:
        verbose_name = "讲堂点单"
        verbose_name_plural = "讲堂点单"
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.org.name}：{self.topic}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


auditlog.register(LiaisonPoint)
auditlog.register(Visit)
auditlog.register(FollowUp)
auditlog.register(MobileLecture)
auditlog.register(LectureAttendance)
auditlog.register(LectureMaterial)
auditlog.register(LectureRequest)
