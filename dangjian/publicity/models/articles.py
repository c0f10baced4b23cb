"""Channels, columns, newspaper special pages and articles.

An article's lifecycle is a status plus a timestamp per step (submitted_at,
approved_at, returned_at, published_at, withdrawn_at); every step also leaves
an ArticleEvent, which the article's page shows as its history. The
content-security gate's last verdict is kept on the article, with the hash of
the content it judged, so a stale verdict is never mistaken for a current one.
"""

from __future__ import annotations

import hashlib

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models


class ChannelKind(models.TextChoices):
    SITE = "site", "党建网站"
    WECHAT = "wechat", "微信公众号"
    NEWSPAPER = "newspaper", "报纸专版"


class Channel(models.Model):
    """Where articles appear: the website, the WeChat account, the city paper's special pages."""

    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="channels", verbose_name="主办组织"
    )
    kind = models.CharField("类型", max_length=16, choices=ChannelKind.choices)
    name = models.CharField("名称", max_length=60)
    slug = models.SlugField("网址标识", max_length=40, unique=True)
    description = models.CharField("简介", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "发布渠道"
        verbose_name_plural = "发布渠道"

    def __str__(self) -> str:
        return self.name

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class Column(models.Model):
    """A column (专栏) of a channel, e.g. 党建微播报."""

    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="columns", verbose_name="渠道")
    name = models.CharField("名称", max_length=60)
    slug = models.SlugField("网址标识", max_length=40)
    description = models.CharField("简介", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["channel__position", "position", "pk"]
        verbose_name = "专栏"
        verbose_name_plural = "专栏"
        constraints = [models.UniqueConstraint(fields=["channel", "slug"], name="unique_column_slug")]

    def __str__(self) -> str:
        return f"{self.channel.name} · {self.name}"

    @property
    def audit_org_id(self) -> int:
        return self.channel.org_id


class SpecialPage(models.Model):
    """A party-building page run in the city paper (专版) on 七一, 国庆 …"""

    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="special_pages", verbose_name="主办组织"
    )
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="special_pages", verbose_name="渠道")
    title = models.CharField("专版主题", max_length=100)
    newspaper = models.CharField("报纸", max_length=60)
    edition = models.CharField("版次", max_length=30, blank=True)
    occasion = models.CharField("节点", max_length=30, blank=True, help_text="如 七一、国庆")
    run_on = models.DateField("刊发日期")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-run_on", "-pk"]
        verbose_name = "报纸专版"
        verbose_name_plural = "报纸专版"

    def __str__(self) -> str:
        return f"{self.newspaper} {self.run_on:%Y-%m-%d} {self.title}"

    @property
    def audit_org_id(self) -> int:
        return self.org_id


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已审核"
    RETURNED = "returned", "已退回"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


# States in which the editor may still change the text.
EDITABLE = (Status.DRAFT, Status.RETURNED, Status.WITHDRAWN)


class ScanVerdict(models.TextChoices):
    NONE = "", "未检查"
    CLEAN = "clean", "通过"
    WARNED = "warned", "通过（有提示）"
    BLOCKED = "blocked", "拦截"
    OVERRIDDEN = "overridden", "审核人员已确认放行"


class Article(models.Model):
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="articles", verbose_name="来源单位"
    )
    column = models.ForeignKey(Column, on_delete=models.PROTECT, related_name="articles", verbose_name="专栏")
    special_page = models.ForeignKey(
        SpecialPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles", verbose_name="所属专版"
    )
    title = models.CharField("标题", max_length=120)
    page_title = models.CharField(
        "网页标题", max_length=160, blank=True, help_text="浏览器标签和搜索结果中显示；留空则用标题"
    )
    summary = models.CharField("摘要", max_length=300, blank=True)
    body = models.TextField("正文", blank=True)  # sanitized HTML
    author = models.CharField("作者", max_length=60, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="articles_edited", verbose_name="编辑"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles_reviewed",
        verbose_name="审核",
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    returned_at = models.DateTimeField("退回时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    # The content-security gate's last word on this content.
    scan_verdict = models.CharField("内容安全", max_length=16, choices=ScanVerdict.choices, blank=True, default="")
    scan_findings = models.JSONField("检查发现", default=list, blank=True)
    scanned_at = models.DateTimeField("检查时间", null=True, blank=True)
    scanned_hash = models.CharField(max_length=64, blank=True)
    published_hash = models.CharField(max_length=64, blank=True)
    # Set by the re-check of published content (scan_published) when it finds
    # the article dirty; the public site hides it until it is dealt with.
    flagged_at = models.DateTimeField("复查发现问题", null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_org_id(self) -> int:
        return self.org_id

    @property
    def effective_page_title(self) -> str:
        return self.page_title or self.title

    def content_hash(self) -> str:
        return content_hash(self.title, self.effective_page_title, self.body)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.flagged_at is None

    @property
    def scan_is_current(self) -> bool:
        return bool(self.scanned_hash) and self.scanned_hash == self.content_hash()


def content_hash(title: str, page_title: str, body: str) -> str:
    h = hashlib.sha256()
    for part in (title, page_title, body):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


class ArticleEvent(models.Model):
    """One step in an article's history, as shown on its page."""

    class Action(models.TextChoices):
        CREATED = "created", "创建草稿"
        EDITED = "edited", "修改"
        IMAGE = "image", "上传图片"
        SUBMITTED = "submitted", "提交审核"
        SUBMIT_BLOCKED = "submit_blocked", "提交被内容安全检查拦截"
        APPROVED = "approved", "审核通过"
        RETURNED = "returned", "退回修改"
        PUBLISHED = "published", "发布"
        PUBLISH_BLOCKED = "publish_blocked", "发布被内容安全检查拦截"
        WITHDRAWN = "withdrawn", "撤回"
        OVERRIDDEN = "overridden", "审核人员确认放行"
        FLAGGED = "flagged", "复查发现问题"
        CLEARED = "cleared", "复查通过"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField("时间")
    comment = models.TextField("意见", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "稿件流转记录"
        verbose_name_plural = "稿件流转记录"

    def __str__(self) -> str:
        return f"{self.article_id} {self.get_action_display()}"

    @property
    def audit_org_id(self) -> int:
        return self.article.org_id


class ContentOverride(models.Model):
    """A reviewer's decision that the gate's findings on this exact content are harmless."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="overrides")
    content_hash = models.CharField(max_length=64)
    findings = models.JSONField(default=list)
    reason = models.TextField("放行理由")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="审核人员"
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "内容安全放行"
        verbose_name_plural = "内容安全放行"

    def __str__(self) -> str:
        return f"{self.article} · 放行"

    @property
    def audit_org_id(self) -> int:
        return self.article.org_id


class ArticleImage(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to="publicity/images/%Y/%m/")
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    alt = models.CharField("图片说明", max_length=120, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "稿件图片"
        verbose_name_plural = "稿件图片"

    def __str__(self) -> str:
        return self.alt or str(self.file.name)

    @property
    def audit_org_id(self) -> int:
        return self.article.org_id


auditlog.register(Channel)
auditlog.register(Column)
auditlog.register(SpecialPage)
auditlog.register(Article, exclude_fields=["scan_findings", "updated_at"])
auditlog.register(ContentOverride)
auditlog.register(ArticleImage)
