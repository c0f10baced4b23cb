"""A person's way into the party (Case) and the dated steps on it (Step).

A Case belongs to the branch that received the application, which is how it is
scoped: committee staff see all, an organization's administrators their
subtree. Its `stage` moves only through the services, each move dated in one
`*_on` field (activist_on, candidate_on, admitted_on, full_on, disqualified_on).
The applicant's ID number is encrypted at rest the way people.Member keeps it
(`*_enc` / `*_digest` / `*_masked`, rotated by rotate_pii_key).
"""

from __future__ import annotations

import calendar
import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangjian.core import crypto
from dangjian.core.masking import mask_id_number
from dangjian.people.models import Gender


def add_months(day: dt.date, months: int) -> dt.date:
    """DAY moved by MONTHS calendar months (the 31st becomes the month's last day)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Stage(models.TextChoices):
    APPLICANT = "applicant", "入党申请人"
    ACTIVIST = "activist", "入党积极分子"
    CANDIDATE = "candidate", "发展对象"
    PROBATIONARY = "probationary", "预备党员"
    FULL = "full", "正式党员"
    DISQUALIFIED = "disqualified", "取消预备党员资格"


OPEN_STAGES = (Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE, Stage.PROBATIONARY)
PIPELINE_STAGES = (*OPEN_STAGES, Stage.FULL)


class StepKind(models.TextChoices):
    TALK = "talk", "派人谈话"
    ACTIVIST = "activist", "确定为入党积极分子"
    OBSERVATION = "observation", "培养考察记录"
    CANDIDATE = "candidate", "列为发展对象"
    REVIEW = "review", "政治审查"
    TRAINING = "training", "集中培训"
    SPONSORS = "sponsors", "确定入党介绍人"
    PRE_EXAM = "pre_exam", "上级党委预审"
    NOTICE = "notice", "公示"
    VOTE = "vote", "支部大会讨论接收预备党员"
    APPROVAL = "approval", "上级党委审批"
    OATH = "oath", "入党宣誓"
    PROBATION_RECORD = "probation_record", "预备期考察记录"
    CONVERSION = "conversion", "支部大会讨论转正"


# Steps that may be recorded more than once (the quarterly records).
REPEATABLE = (StepKind.OBSERVATION, StepKind.PROBATION_RECORD)


class Outcome(models.TextChoices):
    CONVERT = "convert", "按期转为正式党员"
    EXTEND = "extend", "延长预备期"
    DISQUALIFY = "disqualify", "取消预备党员资格"


class Case(models.Model):
    """One person's admission file, from the application received to 正式党员 (or disqualification)."""

    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="admission_cases", verbose_name="所在党支部"
    )
    # The roster record, once there is one (a non-party cadre applying; everyone from 入党积极分子 on).
    member = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="名册人员"
    )
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    ethnicity = models.CharField("民族", max_length=20, default="汉族")
    birth_date = models.DateField("出生日期")
    id_number_enc = models.TextField(editable=False)
    id_number_digest = models.CharField(max_length=64, db_index=True, editable=False)
    id_number_masked = models.CharField("身份证号", max_length=18, editable=False)
    stage = models.CharField("阶段", max_length=20, choices=Stage.choices, default=Stage.APPLICANT)
    applied_on = models.DateField("递交入党申请书日期")
    activist_on = models.DateField("确定为入党积极分子日期", null=True, blank=True)
    candidate_on = models.DateField("列为发展对象日期", null=True, blank=True)
    voted_on = models.DateField("支部大会通过日期（预备期起算）", null=True, blank=True)
    admitted_on = models.DateField("上级党委批准为预备党员日期", null=True, blank=True)
    probation_ends_on = models.DateField("预备期满日期", null=True, blank=True)
    extended_months = models.PositiveSmallIntegerField("延长预备期（月）", default=0)
    full_on = models.DateField("转为正式党员日期", null=True, blank=True)
    disqualified_on = models.DateField("取消预备党员资格日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "发展党员档案"
        verbose_name_plural = "发展党员档案"
        ordering = ["org__path", "applied_on", "id"]
        indexes = [models.Index(fields=["org", "stage"], name="admission_case_org_stage")]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_stage_display()}）"

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_number_enc)

    @id_number.setter
    def id_number(self, value: str) -> None:
        self.id_number_enc = crypto.encrypt(value)
        self.id_number_digest = crypto.digest(value)
        self.id_number_masked = mask_id_number(value)

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class Step(models.Model):
    """A dated step of a case, with its document and what the step records (people, hours, a tally)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField("步骤", max_length=20, choices=StepKind.choices)
    done_on = models.DateField("日期")
    document = models.CharField("材料或文号", max_length=200, blank=True)
    note = models.TextField("内容", blank=True)
    # Contact persons (确定为入党积极分子) or sponsors (确定入党介绍人).
    people = models.ManyToManyField("people.Member", blank=True, related_name="+", verbose_name="人员")
    days = models.PositiveSmallIntegerField("培训天数", null=True, blank=True)
    hours = models.PositiveSmallIntegerField("培训学时", null=True, blank=True)
    eligible = models.PositiveSmallIntegerField("应到会有表决权的正式党员", null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField("赞成", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("反对", null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField("弃权", null=True, blank=True)
    outcome = models.CharField("结论", max_length=20, choices=Outcome.choices, blank=True)
    extension_months = models.PositiveSmallIntegerField("延长月数", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "发展党员步骤"
        verbose_name_plural = "发展党员步骤"
        ordering = ["done_on", "id"]
        indexes = [models.Index(fields=["case", "kind"], name="admission_step_case_kind")]

    def __str__(self) -> str:
        return f"{self.done_on:%Y-%m-%d} {self.get_kind_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.case.org_id

    @property
    def tally_label(self) -> str:
        if self.votes_for is None:
            return ""
        return (
            f"应到{self.eligible}人，赞成{self.votes_for}、反对{self.votes_against or 0}、弃权{self.votes_abstain or 0}"
        )


class CaseFile(models.Model):
    """An uploaded document of a case: the application letter (no step) or a step's material
    (talk record, review materials, the vote's tally scan …), checked by core.uploads.check_file."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="files")
    # None: the application itself (入党申请书), received with the case.
    step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="admission/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小")
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "发展党员材料"
        verbose_name_plural = "发展党员材料"
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.case.org_id


class Withdrawal(models.Model):
    """A step the branch withdrew (recorded wrongly), kept on the case with the reason: nothing vanishes silently."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="withdrawals")
    kind = models.CharField("步骤", max_length=20, choices=StepKind.choices)
    done_on = models.DateField("原记录日期")
    reason = models.TextField("撤销原因")
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "撤销的发展党员步骤"
        verbose_name_plural = "撤销的发展党员步骤"
        ordering = ["withdrawn_at", "id"]

    def __str__(self) -> str:
        return f"撤销 {self.done_on:%Y-%m-%d} {self.get_kind_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.case.org_id


auditlog.register(Case, exclude_fields=["id_number_enc", "id_number_digest", "created_at"])
auditlog.register(Step, m2m_fields={"people"})
auditlog.register(CaseFile)
auditlog.register(Withdrawal)
