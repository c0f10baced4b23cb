"""The volunteer structure: 总队 (corps) → 支队 (brigade) → 分队 (team), the volunteers, and
community pairings (结对共建).

A committee has one corps; each brigade belongs to an organization of the
committee's tree (that is how brigades are scoped); volunteers are people of the
roster, each in at most one team at a time.
"""

from __future__ import annotations

from django.db import models

from dangjian.volunteer.conf import VolunteerSettings


class Corps(models.Model):
    """志愿服务总队: the recording and certifying body of a committee's volunteers."""

    org = models.OneToOneField(
        "orgs.Organization", on_delete=models.PROTECT, related_name="volunteer_corps", verbose_name="所属工委"
    )
    name = models.CharField("总队名称", max_length=100)
    leader = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="总队长"
    )
    # Printed on certificates: the person in charge is the leader; the handler and contact are named here.
    handler_name = models.CharField("证明经办人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    founded_on = models.DateField("成立日期", null=True, blank=True)

    class Meta:
        verbose_name = "志愿服务总队"
        verbose_name_plural = "志愿服务总队"

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class Brigade(models.Model):
    """志愿服务支队, belonging to one organization (usually a bureau's party committee)."""

    corps = models.ForeignKey(Corps, on_delete=models.PROTECT, related_name="brigades", verbose_name="总队")
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="volunteer_brigades", verbose_name="所属党组织"
    )
    name = models.CharField("支队名称", max_length=100)
    leader = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="支队长"
    )
    founded_on = models.DateField("成立日期")
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)

    class Meta:
        verbose_name = "志愿服务支队"
        verbose_name_plural = "志愿服务支队"
        ordering = ["org__path", "name"]
        constraints = [models.UniqueConstraint(fields=["corps", "name"], name="volunteer_brigade_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class Team(models.Model):
    """志愿服务分队 of a brigade."""

    brigade = models.ForeignKey(Brigade, on_delete=models.PROTECT, related_name="teams", verbose_name="支队")
    name = models.CharField("分队名称", max_length=100)
    leader = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="分队长"
    )
    founded_on = models.DateField("成立日期", null=True, blank=True)

    class Meta:
        verbose_name = "志愿服务分队"
        verbose_name_plural = "志愿服务分队"
        ordering = ["brigade_id", "name"]
        constraints = [models.UniqueConstraint(fields=["brigade", "name"], name="volunteer_team_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.brigade.org_id


class Volunteer(models.Model):
    """A person of the roster registered as a volunteer, with a volunteer number (志愿者编号).

    Registration happens on the first sign-up or when a leader adds the person to a team.
    """

    member = models.OneToOneField(
        "people.Member", on_delete=models.PROTECT, related_name="volunteer", verbose_name="人员"
    )
    number = models.CharField("志愿者编号", max_length=20, unique=True)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="volunteers", verbose_name="所在分队"
    )
    joined_team_on = models.DateField("加入分队日期", null=True, blank=True)
    registered_at = models.DateTimeField("注册时间")

    class Meta:
        verbose_name = "志愿者"
        verbose_name_plural = "志愿者"

    def __str__(self) -> str:
        return f"{self.number}"

    @staticmethod
    def number_for(member_id: int) -> str:
        """Derived from the roster record, so it is unique and needs no second write."""
        return f"{VolunteerSettings.current().volunteer_number_prefix}{member_id:08d}"

    @property
    def audit_org_id(self) -> int:
        return self.member.org_id


class Pairing(models.Model):
    """结对共建: a brigade paired with a community under an agreement."""

    brigade = models.ForeignKey(Brigade, on_delete=models.PROTECT, related_name="pairings", verbose_name="支队")
    community = models.CharField("共建社区", max_length=100)
    community_contact = models.CharField("社区联系人", max_length=50, blank=True)
    signed_on = models.DateField("协议签订日期")
    ends_on = models.DateField("协议到期日期", null=True, blank=True)
    content = models.TextField("共建内容", blank=True)

    class Meta:
        verbose_name = "结对共建"
        verbose_name_plural = "结对共建"
        ordering = ["-signed_on", "id"]

    def __str__(self) -> str:
        return f"{self.brigade} ↔ {self.community}"

    @property
    def audit_org_id(self) -> int:
        return self.brigade.org_id

    def covers(self, day) -> bool:
        return self.signed_on <= day and (self.ends_on is None or day <= self.ends_on)
