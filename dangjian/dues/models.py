"""Dues bases (one per member and year), monthly payments, voluntary extra payments,
remittances to the upper level, and the dues keepers (收缴员) of an organization.

Money is Decimal yuan with two places (DecimalField), never a float. A base
keeps the rate and the monthly dues worked out when it was declared, so a
later change of the rate table does not rewrite a year already collected.
"""

from __future__ import annotations

from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from dangjian.orgs.models import Organization
from dangjian.people.models import Member


class Category(models.TextChoices):
    IN_WORK = "in_work", "在职"
    RETIRED = "retired", "离退休"
    NO_INCOME = "no_income", "学生及无收入"


class PayMethod(models.TextChoices):
    CASH = "cash", "现金"
    TRANSFER = "transfer", "转账"
    WECHAT = "wechat", "微信"
    ALIPAY = "alipay", "支付宝"
    OTHER = "other", "其他"


class DuesBase(models.Model):
    """A member's declared base for YEAR (monthly income after tax, or pension) and the dues it gives."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_bases")
    # The member's organization when the base was declared: the branch that collects the year.
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="dues_bases")
    year = models.PositiveSmallIntegerField("年度")
    category = models.CharField("人员类别", max_length=12, choices=Category.choices)
    base = models.DecimalField("缴费基数（元/月）", max_digits=12, decimal_places=2)
    rate = models.DecimalField("缴纳比例", max_digits=6, decimal_places=4, null=True, blank=True)
    monthly_dues = models.DecimalField("每月应缴（元）", max_digits=12, decimal_places=2)
    declared_at = models.DateTimeField(default=timezone.now)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "党费缴纳基数"
        verbose_name_plural = "党费缴纳基数"
        ordering = ["org__path", "member__name_initials", "member_id"]
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="dues_base_member_year")]
        indexes = [models.Index(fields=["year", "org", "monthly_dues"], name="dues_base_year_org")]

    def __str__(self) -> str:
        return f"{self.member.name} {self.year}年党费基数"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def rate_label(self) -> str:
        """'1.5%', or 定额 for the fixed amount."""
        if self.rate is None:
            return "定额"
        return f"{(self.rate * 100).normalize():f}%"


class PaymentStatus(models.TextChoices):
    PAID = "paid", "已缴"
    VOIDED = "voided", "已作废"


class Payment(models.Model):
    """The dues of one member for one month (paid → voided, e.g. recorded by mistake)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_payments")
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="dues_payments")
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份")
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2)
    method = models.CharField("缴纳方式", max_length=10, choices=PayMethod.choices)
    paid_on = models.DateField("缴纳日期")
    status = models.CharField("状态", max_length=8, choices=PaymentStatus.choices, default=PaymentStatus.PAID)
    paid_at = models.DateTimeField(default=timezone.now)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField("作废原因", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "党费缴纳记录"
        verbose_name_plural = "党费缴纳记录"
        ordering = ["year", "month", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year", "month"], condition=Q(status="paid"), name="dues_payment_one_per_month"
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="dues_payment_month_range"),
        ]
        # Covers a ledger's grouped sums (by organization and month) without reading the table.
        indexes = [models.Index(fields=["year", "status", "org", "month", "amount"], name="dues_payment_year_org")]

    def __str__(self) -> str:
        return f"{self.member.name} {self.year}年{self.month}月党费"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class ExtraPayment(models.Model):
    """A voluntary payment above the dues (自愿多交党费), kept apart from them."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_extras")
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="dues_extras")
    year = models.PositiveSmallIntegerField("年度")
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2)
    method = models.CharField("缴纳方式", max_length=10, choices=PayMethod.choices)
    paid_on = models.DateField("缴纳日期")
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "自愿多交党费"
        verbose_name_plural = "自愿多交党费"
        ordering = ["year", "paid_on", "id"]
        indexes = [models.Index(fields=["year", "org"], name="dues_extra_year_org")]

    def __str__(self) -> str:
        return f"{self.member.name} 自愿多交党费 {self.amount} 元"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class RemittanceStatus(models.TextChoices):
    REMITTED = "remitted", "已上缴"
    CONFIRMED = "confirmed", "上级已确认"
    CANCELLED = "cancelled", "已撤销"


class Remittance(models.Model):
    """Dues ORG handed to the upper level for months FIRST_MONTH..LAST_MONTH of YEAR."""

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="dues_remittances")
    year = models.PositiveSmallIntegerField("年度")
    first_month = models.PositiveSmallIntegerField("起始月份")
    last_month = models.PositiveSmallIntegerField("截止月份")
    amount = models.DecimalField("上缴金额（元）", max_digits=12, decimal_places=2)
    remitted_on = models.DateField("上缴日期")
    to_org_name = models.CharField("上缴至", max_length=100)
    note = models.CharField("备注", max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=RemittanceStatus.choices, default=RemittanceStatus.REMITTED
    )
    remitted_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "党费上缴记录"
        verbose_name_plural = "党费上缴记录"
        ordering = ["-year", "-first_month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_month__gte=1, last_month__lte=12, first_month__lte=models.F("last_month")),
                name="dues_remittance_months",
            )
        ]

    def __str__(self) -> str:
        return f"{self.org.name} {self.year}年{self.first_month}—{self.last_month}月党费上缴"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def months_label(self) -> str:
        if self.first_month == self.last_month:
            return f"{self.first_month}月"
        return f"{self.first_month}—{self.last_month}月"


class KeeperStatus(models.TextChoices):
    ACTIVE = "active", "在任"
    REVOKED = "revoked", "已撤销"


class DuesKeeper(models.Model):
    """USER keeps the dues of ORG (and its subtree): records bases and payments and sees the bases."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="dues_keepers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dues_keepers")
    status = models.CharField("状态", max_length=8, choices=KeeperStatus.choices, default=KeeperStatus.ACTIVE)
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "党费收缴员"
        verbose_name_plural = "党费收缴员"
        ordering = ["org__path", "id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "user"], condition=Q(status="active"), name="dues_keeper_active")
        ]

    def __str__(self) -> str:
        return f"{self.org.name}党费收缴员 {self.user}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class MonthTotal(models.Model):
    """The dues collected (paid, not voided) per organization and month: what the ledgers add up.

    Kept in step with Payment by the payment services (services.totals, in the same transaction as
    the payment) and written by the demo seeder; derived data, so not audited itself (the payments
    are). `services.totals.totals_rebuild` recomputes it from the payments."""

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份")
    collected = models.DecimalField("实缴（元）", max_digits=14, decimal_places=2, default=Decimal("0.00"))
    payments = models.IntegerField("缴纳记录数", default=0)

    class Meta:
        verbose_name = "党费月度汇总"
        verbose_name_plural = "党费月度汇总"
        constraints = [models.UniqueConstraint(fields=["org", "year", "month"], name="dues_month_total_one")]
        indexes = [models.Index(fields=["year", "org", "month", "collected"], name="dues_month_total_year")]

    def __str__(self) -> str:
        return f"{self.org_id} {self.year}年{self.month}月 {self.collected}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


auditlog.register(DuesBase)
auditlog.register(Payment)
auditlog.register(ExtraPayment)
auditlog.register(Remittance)
auditlog.register(DuesKeeper)
