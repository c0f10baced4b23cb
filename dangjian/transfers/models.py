"""组织关系转接: letters out of the committee (介绍信, with the receipt 回执 that comes back),
letters into it (received, then the member placed in a branch), and members in flow (流动党员).

Within the committee a move is the roster's own transfer (people.services.member_transfer);
this app handles the relations that cross the committee's border. Each record belongs to
one organization of the tree, which is how it is scoped: a letter out to the member's branch
when it was issued, a letter in to the branch the member was placed in (the committee until
then), a flow record to the member's branch.
"""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangjian.core import crypto
from dangjian.core.masking import mask_id_number
from dangjian.people.models import Gender


class OutStatus(models.TextChoices):
    ISSUED = "issued", "已开具"
    RETURNED = "returned", "回执已返回"
    EXPIRED = "expired", "已过期"
    CANCELLED = "cancelled", "已作废"


class OutLetter(models.Model):
    """A transfer letter out of the committee (组织关系介绍信), numbered in the year's sequence.

    The member leaves the roster when it is issued (the relation goes with the letter) and
    comes back to it if the letter is cancelled. The receipt (回执) says who received them.
    """

    number = models.CharField("介绍信编号", max_length=60, unique=True)
    year = models.PositiveIntegerField("年度")
    seq = models.PositiveIntegerField("年度序号")
    member = models.ForeignKey("people.Member", on_delete=models.PROTECT, related_name="+", verbose_name="党员")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="转出支部")
    # What the letter says of the member, as it was on the day (the roster may change later).
    member_name = models.CharField("姓名", max_length=50)
    member_gender = models.CharField("性别", max_length=4)
    member_age = models.PositiveIntegerField("年龄")
    member_ethnicity = models.CharField("民族", max_length=20)
    member_status = models.CharField("党员类别", max_length=20)
    member_id_masked = models.CharField("身份证号", max_length=18)
    dest_name = models.CharField("接收党组织", max_length=120)
    dest_level = models.CharField("接收党组织层级", max_length=60, blank=True)
    dest_contact = models.CharField("接收党组织联系方式", max_length=120, blank=True)
    reason = models.CharField("转接原因", max_length=200)
    issued_on = models.DateField("开具日期")
    valid_days = models.PositiveIntegerField("有效期（天）")
    valid_until = models.DateField("有效期至")
    status = models.CharField("状态", max_length=12, choices=OutStatus.choices, default=OutStatus.ISSUED)
    issued_at = models.DateTimeField("开具时间")
    returned_at = models.DateTimeField("回执登记时间", null=True, blank=True)
    expired_at = models.DateTimeField("过期时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("作废时间", null=True, blank=True)
    receipt_on = models.DateField("回执日期", null=True, blank=True)
    receipt_org_name = models.CharField("回执接收党组织", max_length=120, blank=True)
    cancel_reason = models.CharField("作废原因", max_length=200, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "组织关系介绍信（转出）"
        verbose_name_plural = "组织关系介绍信（转出）"
        ordering = ["-issued_on", "-seq"]
        constraints = [models.UniqueConstraint(fields=["year", "seq"], name="transfers_out_year_seq")]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self) -> str:
        return f"{self.number} {self.member_name}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    def is_overdue(self, today: dt.date) -> bool:
        """Validity passed and no receipt (issued or marked expired)."""
        return self.status in (OutStatus.ISSUED, OutStatus.EXPIRED) and self.valid_until < today


class InStatus(models.TextChoices):
    RECEIVED = "received", "已接收"
    PLACED = "placed", "已编入支部"
    RETURNED = "returned", "已退回"


class InLetter(models.Model):
    """A transfer letter into the committee, received with the member's data; placing the member
    in a branch puts them on the roster (people.services.member_transfer_in)."""

    number = models.CharField("介绍信编号", max_length=60)
    origin_name = models.CharField("转出党组织", max_length=120)
    origin_contact = models.CharField("转出党组织联系方式", max_length=120, blank=True)
    received_on = models.DateField("收到日期")
    # Where it is filed: the organization it was addressed to until placed, then the branch.
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="接收组织")
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    ethnicity = models.CharField("民族", max_length=20)
    birth_date = models.DateField("出生日期")
    id_number_enc = models.TextField(editable=False)
    id_number_digest = models.CharField(max_length=64, editable=False, db_index=True)
    id_number_masked = models.CharField("身份证号", max_length=18, editable=False)
    party_status = models.CharField("党员类别", max_length=20)
    joined_party_on = models.DateField("入党日期")
    phone_masked = models.CharField("手机号", max_length=20, blank=True)
    phone_enc = models.TextField(blank=True, editable=False)
    reason = models.CharField("转接原因", max_length=200, blank=True)
    status = models.CharField("状态", max_length=12, choices=InStatus.choices, default=InStatus.RECEIVED)
    received_at = models.DateTimeField("登记时间")
    placed_at = models.DateTimeField("编入时间", null=True, blank=True)
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    placed_on = models.DateField("编入日期", null=True, blank=True)
    return_reason = models.CharField("退回原因", max_length=200, blank=True)
    member = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="名册人员"
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "组织关系介绍信（转入）"
        verbose_name_plural = "组织关系介绍信（转入）"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number", "origin_name"], name="transfers_in_number_origin"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    # Personal data: set through these, never the *_enc fields directly.
    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_number_enc)

    @id_number.setter
    def id_number(self, value: str) -> None:
        self.id_number_enc = crypto.encrypt(value)
        self.id_number_digest = crypto.digest(value)
        self.id_number_masked = mask_id_number(value)

    @property
    def phone(self) -> str:
        return crypto.decrypt(self.phone_enc) if self.phone_enc else ""

    @property
    def party_status_label(self) -> str:
        from dangjian.people.models import Status

        return str(Status(self.party_status).label) if self.party_status in Status.values else self.party_status


class FlowStatus(models.TextChoices):
    OUT = "out", "在外流动"
    RETURNED = "returned", "已返回"


class FlowMember(models.Model):
    """A member in flow (流动党员): away from their branch for work or life, kept with where they are."""

    member = models.ForeignKey("people.Member", on_delete=models.PROTECT, related_name="+", verbose_name="党员")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="所在支部")
    place = models.CharField("流动地点", max_length=120, help_text="城市或地点")
    employer = models.CharField("工作单位", max_length=120, blank=True)
    contact = models.CharField("联系方式", max_length=120, blank=True)
    since = models.DateField("外出日期")
    expected_return = models.DateField("预计返回日期", null=True, blank=True)
    notes = models.CharField("备注", max_length=200, blank=True)
    status = models.CharField("状态", max_length=12, choices=FlowStatus.choices, default=FlowStatus.OUT)
    started_at = models.DateTimeField("登记时间")
    returned_at = models.DateTimeField("返回登记时间", null=True, blank=True)
    returned_on = models.DateField("返回日期", null=True, blank=True)

    class Meta:
        verbose_name = "流动党员"
        verbose_name_plural = "流动党员"
        ordering = ["org__path", "-since", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member"], condition=models.Q(status="out"), name="transfers_one_open_flow")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.place}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


auditlog.register(OutLetter)
auditlog.register(InLetter, exclude_fields=["id_number_enc", "id_number_digest", "phone_enc"])
auditlog.register(FlowMember)
