"""Central-group study (中心组学习): groups, sessions, attendance, observers (列席)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from .common import ATTENDED, Mark, StoredFile, YearFilled


class GroupKind(models.TextChoices):
    LEADERSHIP = "leadership", "理论学习中心组"
    JOINT = "joint", "市直机关中心组（联学）"


class StudyGroup(models.Model):
    """The leadership group of an organization that studies collectively.

    A committee's joint group (市直机关中心组) has no fixed members: each of its
    sessions invites a chosen set of people (all division-level cadres, say).
    """

    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="study_groups")
    name = models.CharField("中心组名称", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=GroupKind.choices, default=GroupKind.LEADERSHIP)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "理论学习中心组"
        verbose_name_plural = "理论学习中心组"
        ordering = ["org__path", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_joint(self) -> bool:
        return self.kind == GroupKind.JOINT


class GroupRole(models.TextChoices):
    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"
    SECRETARY = "secretary", "学习秘书"


class StudyGroupMember(models.Model):
    group = models.ForeignKey(StudyGroup, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey("people.Member", on_delete=models.PROTECT, related_name="study_group_memberships")
    role = models.CharField("职务", max_length=20, choices=GroupRole.choices, default=GroupRole.MEMBER)

    class Meta:
        verbose_name = "中心组成员"
        verbose_name_plural = "中心组成员"
        ordering = ["group_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="study_group_member_once")]

    def __str__(self) -> str:
        return f"{self.group_id}·{self.person.name}·{self.get_role_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.group.org_id


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "计划中"
    HELD = "held", "已举行"
    CANCELLED = "cancelled", "已取消"


class Session(models.Model):
    """One collective study session of a group. `org` repeats the group's, for scoping and figures."""

    group = models.ForeignKey(StudyGroup, on_delete=models.PROTECT, related_name="sessions")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="study_sessions")
    held_on = models.DateField("学习日期", db_index=True)
    starts_at = models.TimeField("开始时间", null=True, blank=True)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1, default=2)
    topic = models.CharField("学习主题", max_length=200)
    location = models.CharField("地点", max_length=100, blank=True)
    summary = models.TextField("学习情况", blank=True)
    status = models.CharField("状态", max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    held_at = models.DateTimeField("登记举行时间", null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "中心组集体学习"
        verbose_name_plural = "中心组集体学习"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org", "held_on"]), models.Index(fields=["status", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_held(self) -> bool:
        return self.status == SessionStatus.HELD


class SessionSpeaker(models.Model):
    """Who spoke (主讲 / 交流发言): a person on the roster, or a guest by name."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey("people.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("发言人", max_length=50)
    subject = models.CharField("发言题目", max_length=200, blank=True)

    class Meta:
        verbose_name = "发言人"
        verbose_name_plural = "发言人"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name}：{self.subject}" if self.subject else self.name

    @property
    def audit_org_id(self) -> int:
        return self.session.org_id


class SessionMaterial(StoredFile):
    FOLDER = "materials"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")

    class Meta(StoredFile.Meta):
        verbose_name = "学习材料"
        verbose_name_plural = "学习材料"

    @property
    def audit_org_id(self) -> int:
        return self.session.org_id


class SessionAttendance(YearFilled):
    """A person invited to a session; STATUS is blank until attendance is recorded. `year` is the
    session's (the table's partition key on PostgreSQL)."""

    YEAR_FROM = ("session", "held_on")

    # The unique (session, person) index serves look-ups by session, the (person, status) one by person.
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances", db_index=False)
    person = models.ForeignKey(
        "people.Member", on_delete=models.PROTECT, related_name="study_attendances", db_index=False
    )
    status = models.CharField("出勤", max_length=10, choices=Mark.choices, blank=True)
    reason = models.CharField("缺席原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "中心组学习出勤"
        verbose_name_plural = "中心组学习出勤"
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="session_attendance_once")]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.session_id}·{self.person.name}·{self.get_status_display() or '待登记'}"

    @property
    def audit_org_id(self) -> int:
        return self.session.org_id

    @property
    def attended(self) -> bool:
        return self.status in ATTENDED


class Observer(models.Model):
    """A committee cadre sitting in on a session (列席), notified ahead, filing a write-up after.

    Either an account (committee staff) or a person on the roster, or both.
    """

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="observers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="observer_tasks"
    )
    person = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="observer_tasks"
    )
    name = models.CharField("列席人", max_length=50)
    notified_at = models.DateTimeField("通知时间")
    notice_working_days = models.SmallIntegerField("提前工作日数")
    writeup_due_on = models.DateField("心得截止日期")
    writeup = models.TextField("列席报告", blank=True)
    writeup_submitted_at = models.DateTimeField("报告提交时间", null=True, blank=True)

    class Meta:
        verbose_name = "列席人员"
        verbose_name_plural = "列席人员"
        ordering = ["session_id", "id"]
        indexes = [models.Index(fields=["writeup_submitted_at", "writeup_due_on"])]

    def __str__(self) -> str:
        return f"{self.name} 列席 {self.session_id}"

    @property
    def audit_org_id(self) -> int:
        return self.session.org_id

    def is_overdue(self, today: dt.date) -> bool:
        return self.writeup_submitted_at is None and today > self.writeup_due_on

    @property
    def writeup_late(self) -> bool:
        """Filed after its due date."""
        if self.writeup_submitted_at is None:
            return False
        return timezone.localtime(self.writeup_submitted_at).date() > self.writeup_due_on
