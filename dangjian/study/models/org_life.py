"""Organization life (三会一课, 主题党日, 组织生活会, 民主评议): meetings and their attendance."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .common import Mark, StoredFile, YearFilled


class MeetingKind(models.TextChoices):
    GENERAL = "general_meeting", "党员大会"
    BRANCH_COMMITTEE = "branch_committee", "支委会"
    GROUP = "group_meeting", "党小组会"
    LECTURE = "party_lecture", "党课"
    THEME_DAY = "theme_day", "主题党日"
    LIFE = "life_meeting", "组织生活会"
    REVIEW = "member_review", "民主评议党员"


class Meeting(models.Model):
    """One meeting of an organization.

    For a branch committee meeting the committee's size and how many of it were
    present are kept as they were on the day, with QUORUM_MET (more than half):
    a meeting without quorum is recorded but does not count as held.
    """

    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField("会议类型", max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField("日期")
    starts_at = models.TimeField("开始时间", null=True, blank=True)
    topic = models.CharField("主题", max_length=200)
    location = models.CharField("地点", max_length=100, blank=True)
    chair = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="主持人"
    )
    minutes = models.TextField("会议记录", blank=True)
    committee_size = models.PositiveSmallIntegerField("支委会成员数", null=True, blank=True)
    committee_present = models.PositiveSmallIntegerField("到会支委数", null=True, blank=True)
    quorum_met = models.BooleanField("达到法定人数", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "组织生活会议"
        verbose_name_plural = "组织生活会议"
        ordering = ["-held_on", "-id"]
        indexes = [
            # The compliance calendar reads a year of meetings by these columns only.
            models.Index(fields=["held_on", "org", "kind", "quorum_met"]),
            models.Index(fields=["org", "held_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()}：{self.topic}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def counts_as_held(self) -> bool:
        return self.quorum_met is not False


class MeetingAttendance(YearFilled):
    """One person's mark at one meeting; `year` is the meeting's (the table's partition key on PostgreSQL)."""

    YEAR_FROM = ("meeting", "held_on")

    # The unique (meeting, person) index serves look-ups by meeting: no index of its own.
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances", db_index=False)
    person = models.ForeignKey("people.Member", on_delete=models.PROTECT, related_name="meeting_attendances")
    status = models.CharField("出勤", max_length=10, choices=Mark.choices)
    reason = models.CharField("缺席原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "会议出勤"
        verbose_name_plural = "会议出勤"
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="meeting_attendance_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id}·{self.person.name}·{self.get_status_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.meeting.org_id


class MeetingAttachment(StoredFile):
    FOLDER = "attachments"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")

    class Meta(StoredFile.Meta):
        verbose_name = "会议附件"
        verbose_name_plural = "会议附件"

    @property
    def audit_org_id(self) -> int:
        return self.meeting.org_id


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_VALUES = {c: i for i, c in enumerate(_DIGITS)}


def encode_counts(counts: list[int]) -> str:
    """Twelve monthly counts as twelve base-36 digits ('100201000000'), capped at 35."""
    return "".join(_DIGITS[min(35, max(0, n))] for n in counts)


def decode_counts(text: str) -> list[int]:
    # A committee's calendar decodes thousands of these: a dict look-up per digit, not int(c, 36).
    return [_VALUES.get(c, 0) for c in text.ljust(12, "0")[:12]]


class MeetingTally(models.Model):
    """Meetings that count as held, per organization, year and kind, month by month.

    Derived from Meeting (services.org_life keeps it current; the seeder writes
    it alongside): the compliance calendar of a whole committee reads a few
    thousand of these rows instead of a year of meetings.
    """

    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    counts = models.CharField(max_length=12, default="000000000000")

    class Meta:
        verbose_name = "组织生活按月统计"
        verbose_name_plural = "组织生活按月统计"
        constraints = [models.UniqueConstraint(fields=["year", "org", "kind"], name="meeting_tally_once")]

    def __str__(self) -> str:
        return f"{self.org_id}·{self.year}·{self.kind}·{self.counts}"

    @property
    def by_month(self) -> list[int]:
        return decode_counts(self.counts)
