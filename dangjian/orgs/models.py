from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.db import models
from treebeard.mp_tree import MP_Node

from .conf import OrgsSettings


class OrgKind(models.TextChoices):
    COMMITTEE = "committee", "工委"
    PARTY_COMMITTEE = "party_committee", "党委"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"
    GROUP = "group", "党小组"


# Which kinds may sit under which (a group only under a branch).
ALLOWED_CHILDREN: dict[str, tuple[str, ...]] = {
    OrgKind.COMMITTEE: (OrgKind.PARTY_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH),
    OrgKind.PARTY_COMMITTEE: (OrgKind.PARTY_COMMITTEE, OrgKind.GENERAL_BRANCH, OrgKind.BRANCH),
    OrgKind.GENERAL_BRANCH: (OrgKind.BRANCH,),
    OrgKind.BRANCH: (OrgKind.GROUP,),
    OrgKind.GROUP: (),
}


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Unit(models.Model):
    """A government body (机关单位). One organization may cover several (联合支部)."""

    name = models.CharField("单位名称", max_length=100, unique=True)

    class Meta:
        verbose_name = "机关单位"
        verbose_name_plural = "机关单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organization(MP_Node):
    """A node of the tree 工委 → 党委/党总支/党支部 → 党小组."""

    steplen = 4
    node_order_by = ["code"]

    code = models.CharField("组织编码", max_length=32, unique=True)
    name = models.CharField("组织名称", max_length=100)
    kind = models.CharField("组织类别", max_length=20, choices=OrgKind.choices)
    founded_on = models.DateField("成立日期", null=True, blank=True)
    units = models.ManyToManyField(Unit, blank=True, related_name="organizations", verbose_name="所在单位")
    has_branch_committee = models.BooleanField("设支委会", default=False)
    approval_doc = models.CharField("审批文号", max_length=100, blank=True)
    term_years = models.PositiveSmallIntegerField("任期年数", null=True, blank=True, help_text="空白时按组织类别默认")

    class Meta:
        verbose_name = "党组织"
        verbose_name_plural = "党组织"

    def __str__(self) -> str:
        return self.name

    @property
    def default_term_years(self) -> int | None:
        return OrgsSettings.current().term_years.get(self.kind)

    @property
    def effective_term_years(self) -> int | None:
        return self.term_years or self.default_term_years

    @property
    def has_terms(self) -> bool:
        return self.effective_term_years is not None

    @property
    def audit_org_id(self) -> int | None:
        return self.pk


class AffiliationChange(models.Model):
    """A move of an organization under another parent (隶属关系调整)."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="affiliation_changes")
    from_parent = models.ForeignKey(Organization, null=True, on_delete=models.SET_NULL, related_name="+")
    to_parent = models.ForeignKey(Organization, null=True, on_delete=models.SET_NULL, related_name="+")
    from_parent_name = models.CharField("原上级", max_length=100)
    to_parent_name = models.CharField("新上级", max_length=100)
    changed_on = models.DateField("调整日期")
    reason = models.CharField("调整原因", max_length=200)
    doc_number = models.CharField("文号", max_length=100)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "隶属关系调整"
        verbose_name_plural = "隶属关系调整"
        ordering = ["-changed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.org} 由{self.from_parent_name}调整至{self.to_parent_name}（{self.changed_on:%Y-%m-%d}）"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class Adjustment(models.TextChoices):
    NONE = "", "按期"
    ADVANCED = "advanced", "提前换届"
    DELAYED = "delayed", "延期换届"


class Election(models.Model):
    """An election (换届选举) that starts a term."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="elections")
    held_on = models.DateField("选举日期")
    term_years = models.PositiveSmallIntegerField("任期年数", null=True, blank=True)
    seats = models.PositiveSmallIntegerField("应选名额", null=True, blank=True)
    candidates = models.PositiveSmallIntegerField("候选人数", null=True, blank=True)
    adjustment = models.CharField("提前或延期", max_length=10, choices=Adjustment.choices, blank=True, default="")
    approval_doc = models.CharField("批复文号", max_length=100, blank=True)
    notes = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "换届选举"
        verbose_name_plural = "换届选举"
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["org", "held_on"], name="one_election_per_day")]

    def __str__(self) -> str:
        return f"{self.org} {self.held_on:%Y-%m-%d} 换届选举"

    def years(self) -> int | None:
        return self.term_years or self.org.effective_term_years

    @property
    def due_on(self) -> dt.date | None:
        years = self.years()
        return add_years(self.held_on, years) if years else None

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class TermExtension(models.Model):
    """An approved delay of the next election, at most one year past the due date."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="term_extensions")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="extensions")
    extended_to = models.DateField("延期至")
    approved_on = models.DateField("批准日期")
    doc_number = models.CharField("批复文号", max_length=100)
    reason = models.CharField("延期原因", max_length=200)

    class Meta:
        verbose_name = "延期换届批准"
        verbose_name_plural = "延期换届批准"
        ordering = ["-extended_to"]

    def __str__(self) -> str:
        return f"{self.org} 延期换届至{self.extended_to:%Y-%m-%d}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


auditlog.register(Unit)
auditlog.register(Organization, m2m_fields={"units"}, exclude_fields=["path", "depth", "numchild"])
auditlog.register(AffiliationChange)
auditlog.register(Election)
auditlog.register(TermExtension)
