from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models

from dangjian.core import crypto
from dangjian.core.masking import mask_id_number, mask_phone


class Status(models.TextChoices):
    FULL = "full", "正式党员"
    PROBATIONARY = "probationary", "预备党员"
    ACTIVIST = "activist", "入党积极分子"
    NON_PARTY = "non_party", "非党干部"


class Gender(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class CadreRank(models.TextChoices):
    BUREAU = "bureau", "厅局级"
    DIVISION = "division", "处级"
    SECTION = "section", "科级"
    STAFF = "staff", "科员及以下"
    OTHER = "other", "其他"


class Education(models.TextChoices):
    DOCTORATE = "doctorate", "博士研究生"
    MASTER = "master", "硕士研究生"
    BACHELOR = "bachelor", "大学本科"
    COLLEGE = "college", "大学专科"
    SECONDARY = "secondary", "中专及以下"


class OnRoster(models.Manager["Member"]):
    """The roster: everyone who has not left it (transferred out of the committee, see `left_on`).

    `Member.objects`, so every list, count and picker the apps build leaves out the people who
    left; their record stays (history, letters, study records point at it). `Member.everyone`
    reads it too, and is the default manager: what Django and the kernel do to every row (the
    audit trail's diffs, key rotation, deletion checks) still reaches them.
    """

    def get_queryset(self) -> models.QuerySet[Member]:
        return super().get_queryset().filter(left_on__isnull=True)


class Member(models.Model):
    """A person on the roster: party member, activist or non-party cadre."""

    name = models.CharField("姓名", max_length=50, db_index=True)
    # Pinyin initials of the name ("张三" → "zs"), for search.
    name_initials = models.CharField(max_length=50, db_index=True, editable=False)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    ethnicity = models.CharField("民族", max_length=20, db_index=True)
    birth_date = models.DateField("出生日期")
    id_number_enc = models.TextField(editable=False)
    id_number_digest = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField("身份证号", max_length=18, editable=False)
    phone_enc = models.TextField(blank=True, editable=False)
    phone_masked = models.CharField("手机号", max_length=20, blank=True, editable=False)
    education = models.CharField("学历", max_length=20, choices=Education.choices, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="people", verbose_name="工作单位"
    )
    job_title = models.CharField("职务", max_length=100, blank=True)
    cadre_rank = models.CharField("职级", max_length=20, choices=CadreRank.choices, blank=True, db_index=True)
    status = models.CharField("人员类别", max_length=20, choices=Status.choices, db_index=True)
    joined_party_on = models.DateField("入党日期", null=True, blank=True)
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="members", verbose_name="所在组织"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the person leaves the committee's roster (组织关系转出); set and cleared only by
    # people.services.member_leave / member_leave_undo / member_transfer_in.
    left_on = models.DateField("离开名册日期", null=True, blank=True, editable=False)
    left_reason = models.CharField("离开名册原因", max_length=200, blank=True, editable=False)

    objects = OnRoster()
    everyone = models.Manager()  # noqa: DJ012 (a second manager, not a field: `objects` must stay first)

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["name", "id"]
        # Head counts by organization and status (orgs.selectors.member_counts) read the index alone.
        indexes = [models.Index(fields=["org", "status"], name="people_member_org_status")]
        default_manager_name = "everyone"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        from .pinyin import initials

        self.name_initials = initials(self.name)
        super().save(*args, **kwargs)

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
        return crypto.decrypt(self.phone_enc)

    @phone.setter
    def phone(self, value: str) -> None:
        self.phone_enc = crypto.encrypt(value) if value else ""
        self.phone_masked = mask_phone(value)

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class PostTitle(models.TextChoices):
    SECRETARY = "secretary", "书记"
    DEPUTY_SECRETARY = "deputy_secretary", "副书记"
    FULL_TIME_DEPUTY = "full_time_deputy_secretary", "专职副书记"
    COMMITTEE_MEMBER = "committee_member", "委员"
    DISCIPLINE = "discipline_member", "纪检委员"
    ORGANIZATION = "organization_member", "组织委员"
    PUBLICITY = "publicity_member", "宣传委员"
    GROUP_LEADER = "group_leader", "党小组组长"


class Post(models.Model):
    """A post held in an organization, dated. Current when `ended_on` is empty."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="posts")
    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="posts")
    title = models.CharField("党内职务", max_length=32, choices=PostTitle.choices)
    started_on = models.DateField("任职日期")
    ended_on = models.DateField("免职日期", null=True, blank=True)

    class Meta:
        verbose_name = "党内职务"
        verbose_name_plural = "党内职务"
        ordering = ["org_id", "title", "-started_on"]
        indexes = [models.Index(fields=["org", "title", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_title_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class Transfer(models.Model):
    """A move of a person from one organization to another (组织关系转接)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="transfers")
    from_org = models.ForeignKey("orgs.Organization", null=True, on_delete=models.SET_NULL, related_name="+")
    to_org = models.ForeignKey("orgs.Organization", null=True, on_delete=models.SET_NULL, related_name="+")
    from_org_name = models.CharField("转出组织", max_length=100)
    to_org_name = models.CharField("转入组织", max_length=100)
    transferred_on = models.DateField("转接日期")
    reason = models.CharField("原因", max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "组织关系转接"
        verbose_name_plural = "组织关系转接"
        ordering = ["-transferred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.member} 由{self.from_org_name}转入{self.to_org_name}（{self.transferred_on:%Y-%m-%d}）"

    @property
    def audit_org_id(self) -> int | None:
        return self.to_org_id


auditlog.register(
    Member,
    # Ciphertext stays out of the log; the masked copies show what changed.
    exclude_fields=["name_initials", "id_number_enc", "id_number_digest", "phone_enc", "created_at", "updated_at"],
)
auditlog.register(Post)
auditlog.register(Transfer)
