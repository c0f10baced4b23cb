"""Volunteer service records (志愿服务记录) and certificates (志愿服务证明).

志愿服务记录与证明出具办法 (2021): whoever organizes records, whoever records
certifies. A record is written when the organizer confirms an activity's hours
and is never edited afterwards, except by a committee correction that keeps
the old value and the reason. A certificate copies what it shows at the time
it is issued: it is a document, and later roster edits must not change it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .activities import Activity, Participation
from .structure import Brigade, Corps, Team, Volunteer


class ServiceRecord(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="records")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="records")
    participation = models.OneToOneField(Participation, on_delete=models.PROTECT, related_name="record")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="所属党组织")
    # The recording body (the corps) and the brigade/team that organized, as they were.
    corps = models.ForeignKey(Corps, on_delete=models.PROTECT, related_name="records", verbose_name="记录单位")
    brigade = models.ForeignKey(Brigade, on_delete=models.PROTECT, related_name="records")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="records")
    served_on = models.DateField("服务日期", db_index=True)
    place = models.CharField("服务地点", max_length=200)
    content = models.CharField("服务内容", max_length=200)
    hours = models.DecimalField("服务时长（小时）", max_digits=5, decimal_places=2)
    recorded_at = models.DateTimeField("记录时间")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "志愿服务记录"
        verbose_name_plural = "志愿服务记录"
        ordering = ["-served_on", "-id"]
        indexes = [
            models.Index(fields=["org", "served_on"]),
            models.Index(fields=["volunteer", "served_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.served_on} {self.content}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class RecordCorrection(models.Model):
    """A committee's correction of a locked record: old and new hours, reason, who and when."""

    record = models.ForeignKey(ServiceRecord, on_delete=models.CASCADE, related_name="corrections")
    old_hours = models.DecimalField("原时长", max_digits=5, decimal_places=2)
    new_hours = models.DecimalField("更正后时长", max_digits=5, decimal_places=2)
    reason = models.CharField("更正原因", max_length=200)
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    corrected_at = models.DateTimeField("更正时间")

    class Meta:
        verbose_name = "记录更正"
        verbose_name_plural = "记录更正"
        ordering = ["corrected_at", "id"]

    def __str__(self) -> str:
        return f"{self.old_hours} → {self.new_hours}：{self.reason}"

    @property
    def audit_org_id(self) -> int:
        return self.record.org_id


class CertificateStatus(models.TextChoices):
    VALID = "valid", "有效"
    REVOKED = "revoked", "已作废"


class Certificate(models.Model):
    """志愿服务证明, with the fields the national rules list, copied at issue.

    Lifecycle: issued (`issued_at`, status valid) → voided (`revoked_at`, status
    revoked), changed only by services.certificates.
    """

    number = models.CharField("证明编号", max_length=32, unique=True)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="certificates")
    corps = models.ForeignKey(Corps, on_delete=models.PROTECT, related_name="certificates", verbose_name="出具单位")
    name = models.CharField("姓名", max_length=50)
    id_type = models.CharField("证件类型", max_length=20)
    id_number_enc = models.TextField(editable=False)
    id_number_masked = models.CharField("证件号码", max_length=18, editable=False)
    volunteer_number = models.CharField("志愿者编号", max_length=20)
    period_start = models.DateField("服务起始日期")
    period_end = models.DateField("服务截止日期")
    service_count = models.PositiveIntegerField("服务次数")
    hours = models.DecimalField("服务时长（小时）", max_digits=8, decimal_places=2)
    content = models.TextField("服务内容")
    issuer_name = models.CharField("出具单位", max_length=100)
    person_in_charge = models.CharField("负责人", max_length=50)
    handler = models.CharField("经办人", max_length=50)
    contact = models.CharField("联系方式", max_length=30)
    issued_on = models.DateField("出具日期")
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(
        "状态", max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.VALID, db_index=True
    )
    revoked_at = models.DateTimeField("作废时间", null=True, blank=True)
    revoked_reason = models.CharField("作废原因", max_length=200, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "志愿服务证明"
        verbose_name_plural = "志愿服务证明"
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return self.number

    @property
    def audit_org_id(self) -> int:
        return self.corps.org_id

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID

    @property
    def id_number(self) -> str:
        from dangjian.core import crypto

        return crypto.decrypt(self.id_number_enc)

    @id_number.setter
    def id_number(self, value: str) -> None:
        from dangjian.core import crypto
        from dangjian.core.masking import mask_id_number

        self.id_number_enc = crypto.encrypt(value)
        self.id_number_masked = mask_id_number(value)
