"""Training classes (培训班): days, enrolments, sign-in per day."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from .common import Mark, YearFilled


class Audience(models.TextChoices):
    MEMBERS = "members", "党员"
    PARTY_CADRES = "party_cadres", "党务干部"
    ACTIVISTS = "activists", "入党积极分子"
    NON_PARTY = "non_party_cadres", "非党干部"


class VenueKind(models.TextChoices):
    PARTY_SCHOOL = "party_school", "党校"
    RED_BASE = "red_base", "红色教育基地"
    ONLINE = "online", "网络培训平台"
    OTHER = "other", "其他"


class ClassStatus(models.TextChoices):
    SCHEDULED = "scheduled", "正常开班"
    CANCELLED = "cancelled", "已取消"


class TrainingClass(models.Model):
    """A class run by an organization for people of its subtree.

    Lifecycle: scheduled → cancelled (services.training.class_cancel), kept as STATUS
    plus `cancelled_at`; whether it is upcoming, under way or over follows from its dates.

    `enrolled` counts active enrolments; it only ever moves by a conditional
    UPDATE (see services.training), and the check constraint below makes
    overbooking impossible even for a write that forgets to.
    """

    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="training_classes")
    title = models.CharField("培训班名称", max_length=200)
    audience = models.CharField("培训对象", max_length=20, choices=Audience.choices, default=Audience.MEMBERS)
    venue_kind = models.CharField("培训场所类别", max_length=20, choices=VenueKind.choices)
    venue = models.CharField("培训地点", max_length=200, blank=True)
    starts_on = models.DateField("开班日期", db_index=True)
    ends_on = models.DateField("结业日期")
    hours = models.DecimalField("总学时", max_digits=5, decimal_places=1)
    capacity = models.PositiveIntegerField("名额", null=True, blank=True, help_text="空白表示不限")
    self_signup = models.BooleanField("允许党员自主报名", default=False)
    signup_closes_on = models.DateField("报名截止日期", null=True, blank=True)
    description = models.TextField("培训内容", blank=True)
    enrolled = models.PositiveIntegerField("已报名人数", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField("状态", max_length=20, choices=ClassStatus.choices, default=ClassStatus.SCHEDULED)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)

    class Meta:
        verbose_name = "培训班"
        verbose_name_plural = "培训班"
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["org", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(enrolled__lte=F("capacity")), name="training_not_overbooked"
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="training_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_cancelled(self) -> bool:
        return self.status == ClassStatus.CANCELLED

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.enrolled)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.enrolled >= self.capacity


class TrainingDay(models.Model):
    """One day of a class. TOKEN is the secret in the day's sign-in QR code."""

    klass = models.ForeignKey(TrainingClass, on_delete=models.CASCADE, related_name="days")
    day = models.DateField("日期")
    starts_at = models.TimeField("开始时间")
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)
    token = models.CharField(max_length=40, unique=True, editable=False)

    class Meta:
        verbose_name = "培训日"
        verbose_name_plural = "培训日"
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["klass", "day"], name="training_day_once")]

    def __str__(self) -> str:
        return f"{self.klass_id}·{self.day:%Y-%m-%d}"

    @property
    def audit_org_id(self) -> int:
        return self.klass.org_id


class EnrolMethod(models.TextChoices):
    ADMIN = "admin", "组织报名"
    SELF = "self", "自主报名"
    IMPORT = "import", "签到表导入"


class Enrolment(models.Model):
    """A person on a class. Days before ENROLLED_ON are not theirs: never absent for them.

    DAYS_ATTENDED and HOURS_ATTENDED (present or late) are kept by the services
    that mark attendance, so records and figures need no aggregate over days.
    """

    # The unique (klass, person) index serves look-ups by class.
    klass = models.ForeignKey(TrainingClass, on_delete=models.CASCADE, related_name="enrolments", db_index=False)
    person = models.ForeignKey("people.Member", on_delete=models.PROTECT, related_name="enrolments")
    enrolled_on = models.DateField("报名日期")
    method = models.CharField("报名方式", max_length=10, choices=EnrolMethod.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField("退出时间", null=True, blank=True)
    days_attended = models.PositiveSmallIntegerField("出勤天数", default=0)
    hours_attended = models.DecimalField("获得学时", max_digits=5, decimal_places=1, default=Decimal("0"))

    class Meta:
        verbose_name = "培训报名"
        verbose_name_plural = "培训报名"
        ordering = ["klass_id", "id"]
        constraints = [models.UniqueConstraint(fields=["klass", "person"], name="enrolment_once")]

    def __str__(self) -> str:
        return f"{self.klass_id}·{self.person.name}"

    @property
    def audit_org_id(self) -> int:
        return self.klass.org_id

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class SignInMethod(models.TextChoices):
    QR = "qr", "扫码签到"
    MANUAL = "manual", "手工登记"
    IMPORT = "import", "签到表导入"


class DayAttendance(YearFilled):
    """The mark of one enrolled person for one day; `year` is the day's (the table's partition key
    on PostgreSQL)."""

    YEAR_FROM = ("day", "day")

    # The unique (day, enrolment) index serves look-ups by day.
    day = models.ForeignKey(TrainingDay, on_delete=models.CASCADE, related_name="attendances", db_index=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField("出勤", max_length=10, choices=Mark.choices)
    reason = models.CharField("缺席原因", max_length=200, blank=True)
    method = models.CharField("方式", max_length=10, choices=SignInMethod.choices)
    signed_at = models.DateTimeField("签到时间", null=True, blank=True)

    class Meta:
        verbose_name = "培训签到"
        verbose_name_plural = "培训签到"
        constraints = [models.UniqueConstraint(fields=["day", "enrolment"], name="day_attendance_once")]

    def __str__(self) -> str:
        return f"{self.day_id}·{self.enrolment_id}·{self.get_status_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.day.klass.org_id
