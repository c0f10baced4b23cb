"""A big import running in the task worker: its file, where it stands, and what it found."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportJob(models.Model):
    """One uploaded file checked (and, once confirmed, imported) by the task worker.

    Lifecycle: queued → checking → checked (or failed: errors, nothing written) →
    confirmed → writing → done (or failed). Each transition has its timestamp;
    only `dangjian.core.importing.jobs` changes them. The worker bumps `touched_at`
    as it goes; a job still queued or running but untouched for
    `ImportSettings.stale_minutes` (its worker was stopped or never started) is
    interrupted: nothing was written, since an import writes in one transaction.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "排队等待校验"
        CHECKING = "checking", "正在校验"
        CHECKED = "checked", "校验通过，待确认"
        CONFIRMED = "confirmed", "排队等待导入"
        WRITING = "writing", "正在导入"
        DONE = "done", "导入完成"
        FAILED = "failed", "有错误，未导入"
        INTERRUPTED = "interrupted", "已中断，未导入"

    RUNNING = (Status.QUEUED, Status.CHECKING, Status.CONFIRMED, Status.WRITING)

    id = models.UUIDField("编号", primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("导入类别", max_length=20)  # the ImportSpec's kind: "orgs", "members"
    importer = models.CharField("导入函数", max_length=200)  # dotted path of the import function
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.CASCADE, related_name="+"
    )
    remote_addr = models.GenericIPAddressField("来源地址", null=True, blank=True)
    file_name = models.CharField("文件名", max_length=255)
    stored_as = models.CharField("暂存文件", max_length=255)  # the staged file's name in UPLOAD_DIR
    sha256 = models.CharField("文件校验值", max_length=64)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField("预计行数", default=0)  # estimated from the sheet before reading it
    rows_done = models.PositiveIntegerField("已读行数", default=0)
    outcome = models.JSONField("结果", default=dict, blank=True)  # the ImportResult, see jobs.result_to_json
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    checked_at = models.DateTimeField("校验完成时间", null=True, blank=True)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)  # done, failed or interrupted
    touched_at = models.DateTimeField("最近进展", default=timezone.now)  # the worker's heartbeat

    class Meta:
        app_label = "core"
        ordering = ["-created_at"]
        verbose_name = "后台导入任务"
        verbose_name_plural = "后台导入任务"

    def __str__(self) -> str:
        return f"{self.file_name}（{self.get_status_display()}）"

    @property
    def running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        if not self.running:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)
