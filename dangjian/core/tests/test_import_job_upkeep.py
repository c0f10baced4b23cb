"""Finished background import jobs are not kept for ever, and their error report is a personal-data export."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from dangjian.core.importing import jobs
from dangjian.core.models import AuditEntry, ImportJob
from dangjian.people.tests.test_import_members import MemberImportCase, person

UPLOADS = Path(tempfile.mkdtemp(prefix="dangjian-import-upkeep-test-"))
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
SMALL = {"imports": {"background_rows": 2}}
Status = ImportJob.Status


@override_settings(UPLOAD_DIR=UPLOADS, TASKS=DUMMY, DANGJIAN=SMALL)
class FinishedJobUpkeepTests(MemberImportCase):
    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(UPLOADS, ignore_errors=True)
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.login_as(self.w.staff)

    def upload(self) -> ImportJob:
        with open(self.xlsx([person(1), person(2), person(3)]), "rb") as f:
            content = f.read()
        self.client.post(reverse("people:import"), {"file": SimpleUploadedFile("大名册.xlsx", content)})
        job = ImportJob.objects.order_by("-created_at").first()
        assert job is not None
        return job

    def finish(self, job: ImportJob, status: str, days_ago: int) -> None:
        jobs._finish(job, status, None, message="第3行：张三的身份证号有误")
        ImportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - dt.timedelta(days=days_ago))

    def test_jobs_finished_over_thirty_days_ago_are_deleted_when_an_import_starts(self):
        old, recent, failed = self.upload(), self.upload(), self.upload()
        self.finish(old, Status.DONE, 31)
        self.finish(recent, Status.DONE, 29)
        self.finish(failed, Status.FAILED, 40)
        waiting = self.upload()
        ImportJob.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - dt.timedelta(days=60))
        self.upload()
        left = set(ImportJob.objects.values_list("pk", flat=True))
        self.assertNotIn(old.pk, left)
        self.assertNotIn(failed.pk, left)
        self.assertIn(recent.pk, left)
        self.assertIn(waiting.pk, left)  # not finished: kept

    def test_the_management_command_prunes_with_the_configured_or_given_days(self):
        a, b = self.upload(), self.upload()
        self.finish(a, Status.INTERRUPTED, 31)
        self.finish(b, Status.DONE, 8)
        out = StringIO()
        call_command("prune_import_jobs", stdout=out)
        self.assertIn("已删除 1 个", out.getvalue())
        self.assertEqual(list(ImportJob.objects.values_list("pk", flat=True)), [b.pk])
        call_command("prune_import_jobs", "--days", "7", stdout=out)
        self.assertFalse(ImportJob.objects.exists())

    def test_the_kept_days_are_a_setting(self):
        job = self.upload()
        self.finish(job, Status.DONE, 3)
        with override_settings(DANGJIAN={"imports": {"finished_keep_days": 2}}):
            self.assertEqual(jobs.prune_finished_jobs(), 1)

    def test_the_error_report_download_is_audited_as_a_personal_data_export(self):
        job = self.upload()
        self.finish(job, Status.FAILED, 0)
        response = self.client.get(reverse("people:import_job_errors", kwargs={"job": job.pk}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(AuditEntry.objects.filter(event="export").count(), 1)

    def test_an_interrupted_job_is_recorded_in_the_audit_trail(self):
        job = self.upload()
        ImportJob.objects.filter(pk=job.pk).update(touched_at=timezone.now() - dt.timedelta(minutes=11))
        self.client.get(reverse("people:import_job", kwargs={"job": job.pk}))
        entry = AuditEntry.objects.get(event="import_interrupted")
        self.assertEqual(entry.object_pk, str(job.pk))
        self.client.get(reverse("people:import_job", kwargs={"job": job.pk}))
        self.assertEqual(AuditEntry.objects.filter(event="import_interrupted").count(), 1)


def test_every_import_job_field_has_a_chinese_label():
    meta = ImportJob._meta
    assert meta.verbose_name == meta.verbose_name_plural == "后台导入任务"
    for field in meta.concrete_fields:
        label = str(field.verbose_name)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in label), f"{field.name}: {label}"
