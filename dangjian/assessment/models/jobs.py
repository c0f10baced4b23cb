"""Computing a scheme's results in the task worker: one job per request, with its progress."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from dangjian.core.jobs import ProgressJob

from .scheme import Scheme


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队等待"
    RUNNING = "running", "正在计算"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"
    INTERRUPTED = "interrupted", "已中断"


class ComputeJob(ProgressJob):
    """Computing SCHEME's results for the whole committee: queued → running → done | failed | interrupted.

    STEPS are the organizations scored plus one for storing the rows; a failed or interrupted job
    wrote nothing (the rows are stored in one transaction at the end), so the previous results stay.
    """

    id = models.UUIDField("编号", primary_key=True, default=uuid.uuid4, editable=False)
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="compute_jobs", verbose_name="方案")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="发起人"
    )
    status = models.CharField("状态", max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "考核结果计算任务"
        verbose_name_plural = "考核结果计算任务"

    def __str__(self) -> str:
        return f"{self.scheme}结果计算（{self.get_status_display()}）"

    @property
    def audit_org_id(self) -> int:
        return self.scheme.committee_id
