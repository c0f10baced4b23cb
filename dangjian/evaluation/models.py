"""述职评议: a round per committee (or subtree) and year, the secretaries who report in it, their
yearly reports, the evaluators with their personal links, the secret ballots and the formal talks.

Secrecy of the ballot is kept by the shape of the tables, not by a promise:

- `Evaluator.cast_at` only says THAT the evaluator voted (and when);
- a `Ballot` has a random id and no time, no evaluator, no address: nothing joins it to whoever
  cast it; its `Mark`s (one grade per secretary) likewise;
- Ballots and marks are not registered with auditlog (the trail would otherwise copy the grades);
  the service records one `ballot_cast` event naming the evaluator, never the content.
"""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone


class Grade(models.TextChoices):
    GOOD = "good", "好"
    FAIRLY_GOOD = "fairly_good", "较好"
    AVERAGE = "average", "一般"
    POOR = "poor", "差"


GRADE_ORDER = (Grade.GOOD, Grade.FAIRLY_GOOD, Grade.AVERAGE, Grade.POOR)


class RoundStatus(models.TextChoices):
    OPEN = "open", "评议中"
    CLOSED = "closed", "已结束"


class Round(models.Model):
    """A report-and-evaluation of the secretaries of SCOPE's subtree for YEAR, open until DEADLINE."""

    scope = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="evaluation_rounds", verbose_name="评议范围"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("评议名称", max_length=100)
    deadline = models.DateTimeField("截止时间")
    status = models.CharField("状态", max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    opened_at = models.DateTimeField("发起时间", default=timezone.now)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "述职评议"
        verbose_name_plural = "述职评议"
        ordering = ["-year", "-opened_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["scope", "year"], name="evaluation_one_round_per_scope_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_org_id(self) -> int:
        return self.scope_id

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED

    def accepts_ballots(self, now: object = None) -> bool:
        """Open and before the deadline: the only time a ballot is written."""
        moment = now or timezone.now()
        return self.status == RoundStatus.OPEN and moment < self.deadline  # type: ignore[operator]


class ReportStatus(models.TextChoices):
    PENDING = "pending", "未填报"
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"


def report_path(instance: Subject, filename: str) -> str:
    """A random name under evaluation/<year>/: the uploaded name is kept in the row only."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"evaluation/{timezone.localdate():%Y}/{secrets.token_hex(16)}{suffix}"


class Subject(models.Model):
    """An organization of the round whose secretary reports (述职) and is rated; with the yearly
    report and, once the round is closed, the tally (counts per grade, score, overall grade)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="subjects")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="党组织")
    secretary = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="书记"
    )
    secretary_name = models.CharField("书记姓名", max_length=50)
    position = models.PositiveIntegerField(default=0)  # the order on the ballot (tree order)
    # The yearly report.
    report_status = models.CharField(
        "述职报告", max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    report_text = models.TextField("述职报告内容", blank=True)
    report_file = models.FileField("附件", upload_to=report_path, max_length=200, blank=True)
    report_file_name = models.CharField("附件文件名", max_length=200, blank=True)
    report_file_size = models.PositiveIntegerField(default=0)
    report_file_type = models.CharField(max_length=100, blank=True)
    report_file_sha256 = models.CharField(max_length=64, blank=True)
    drafted_at = models.DateTimeField("保存草稿时间", null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The tally, written when the round closes.
    votes_good = models.PositiveIntegerField("好", default=0)
    votes_fairly_good = models.PositiveIntegerField("较好", default=0)
    votes_average = models.PositiveIntegerField("一般", default=0)
    votes_poor = models.PositiveIntegerField("差", default=0)
    score = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField("评议结果", max_length=12, choices=Grade.choices, blank=True)

    class Meta:
        verbose_name = "述职书记"
        verbose_name_plural = "述职书记"
        ordering = ["round", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "org"], name="evaluation_org_once_per_round")]

    def __str__(self) -> str:
        return f"{self.org.name} {self.secretary_name}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def votes(self) -> int:
        return self.votes_good + self.votes_fairly_good + self.votes_average + self.votes_poor


class EvaluatorKind(models.TextChoices):
    LEADER = "leader", "工委领导"
    MEMBER = "member", "工委委员"
    REPRESENTATIVE = "representative", "党员代表"
    OTHER = "other", "其他"


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


class Evaluator(models.Model):
    """Someone named in the round who rates every secretary once, by a personal link (no account needed)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="evaluators")
    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("身份", max_length=16, choices=EvaluatorKind.choices, default=EvaluatorKind.MEMBER)
    person = models.ForeignKey(
        "people.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="名册人员"
    )
    # The secret half of the personal link (signed with the site's key): a new one revokes the old link.
    nonce = models.CharField(max_length=32, default=new_nonce, unique=True)
    added_at = models.DateTimeField("添加时间", default=timezone.now)
    # THAT the evaluator voted, never what: the ballot itself carries no link back.
    cast_at = models.DateTimeField("投票时间", null=True, blank=True)
    # When a reminder to vote was last handed out (the list printed or exported by committee staff).
    reminded_at = models.DateTimeField("最近提醒时间", null=True, blank=True)

    class Meta:
        verbose_name = "评议人"
        verbose_name_plural = "评议人"
        ordering = ["round", "kind", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.round.scope_id


class Ballot(models.Model):
    """One evaluator's ballot, anonymous: a random id, the round, nothing else (no time, no voter)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")

    class Meta:
        verbose_name = "评议票"
        verbose_name_plural = "评议票"

    def __str__(self) -> str:
        return "评议票"  # nothing that could tell one ballot (or its voter) from another


class Mark(models.Model):
    """The grade a ballot gives one secretary."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="marks")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="marks")
    grade = models.CharField(max_length=12, choices=Grade.choices)

    class Meta:
        verbose_name = "评议等次"
        verbose_name_plural = "评议等次"
        indexes = [models.Index(fields=["subject", "grade"])]

    def __str__(self) -> str:
        return self.get_grade_display()


class TalkStatus(models.TextChoices):
    PENDING = "pending", "待约谈"
    TALKED = "talked", "已约谈"
    CLOSED = "closed", "已办结"


class Talk(models.Model):
    """A formal talk (约谈) with a secretary rated 一般 or 差, followed up until closed."""

    subject = models.OneToOneField(Subject, on_delete=models.CASCADE, related_name="talk")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="党组织")
    status = models.CharField("状态", max_length=10, choices=TalkStatus.choices, default=TalkStatus.PENDING)
    listed_at = models.DateTimeField("列入时间", default=timezone.now)
    talked_on = models.DateField("约谈日期", null=True, blank=True)
    talked_by = models.CharField("约谈人", max_length=100, blank=True)
    content = models.TextField("约谈内容", blank=True)
    rectification = models.TextField("整改措施和情况", blank=True)
    talked_at = models.DateTimeField("记录约谈时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "约谈"
        verbose_name_plural = "约谈"
        ordering = ["status", "-listed_at", "id"]

    def __str__(self) -> str:
        return f"约谈 {self.subject}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


auditlog.register(Round)
auditlog.register(Subject, exclude_fields=["report_file_sha256"])
auditlog.register(Evaluator, exclude_fields=["nonce"])
auditlog.register(Talk)
# Ballot and Mark are deliberately not registered: the trail must never hold a ballot's content.
