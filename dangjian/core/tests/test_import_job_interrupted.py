"""A background import whose worker was killed (or never ran) does not stay "正在导入" for ever (issue 10 §3).

The worker touches its job as it reads; a job queued or running but untouched for
`stale_minutes` (10 by default) is shown as interrupted, with a Chinese sentence
saying nothing was written, and the user uploads the file again.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from dangjian.core.importing import jobs
from dangjian.core.models import AuditEntry, ImportJob
from dangjian.people.models import Member
from dangjian.people.tests.test_import_members import MemberImportCase, person

UPLOADS = Path(tempfile.mkdtemp(prefix="dangjian-import-stale-test-"))
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # no worker runs
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SMALL = {"imports": {"background_rows": 2}}
Status = ImportJob.Status


@override_settings(UPLOAD_DIR=UPLOADS, TASKS=DUMMY, DANGJIAN=SMALL)
class InterruptedJobTests(MemberImportCase):
    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(UPLOADS, ignore_errors=True)
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.login_as(self.w.staff)
        self.members_before = Member.objects.count()

    def upload(self, name: str = "大名册.xlsx"):
        with open(self.xlsx([person(1), person(2), person(3)]), "rb") as f:
            content = f.read()
        return self.client.post(reverse("people:import"), {"file": SimpleUploadedFile(name, content)})

    def job_url(self, job: ImportJob, name: str = "import_job") -> str:
        return reverse(f"people:{name}", kwargs={"job": job.pk})

    def age(self, job: ImportJob, minutes: int, status: str | None = None) -> None:
        """As if the worker last touched JOB MINUTES ago (and left it in STATUS)."""
        job.touched_at = timezone.now() - dt.timedelta(minutes=minutes)
        job.status = status or job.status
        job.save(update_fields=["touched_at", "status"])

    def test_a_job_no_worker_ever_picked_up_is_interrupted_after_ten_minutes(self):
        self.upload()
        job = ImportJob.objects.get()
        self.assertEqual(job.status, Status.QUEUED)
        self.age(job, 9)
        self.assertContains(self.client.get(self.job_url(job)), "排队等待校验")
        self.age(job, 11)
        page = self.client.get(self.job_url(job))
        self.assertContains(page, "后台导入已中断：排队超过10分钟仍未开始")
        self.assertContains(page, "未导入任何数据")
        self.assertContains(page, "重新上传文件")
        self.assertNotContains(page, "确认导入")
        job.refresh_from_db()
        self.assertEqual(job.status, Status.INTERRUPTED)
        self.assertIsNotNone(job.finished_at)
        self.assertEqual(list(UPLOADS.glob("import-members-*")), [])  # the kept file is gone

    def test_a_job_whose_worker_was_killed_while_writing_is_interrupted_and_nothing_is_written(self):
        self.upload()
        job = ImportJob.objects.get()
        self.age(job, 11, Status.WRITING)  # the worker died inside its transaction: rolled back
        response = self.client.get(self.job_url(job, "import_job_status"))
        self.assertEqual(response["HX-Refresh"], "true")  # the progress bar stops polling
        page = self.client.get(self.job_url(job))
        self.assertContains(page, "后台导入已中断：超过10分钟没有进展（后台任务进程可能已被停止），未导入任何数据")
        self.assertNotContains(page, "正在导入")
        self.assertEqual(Member.objects.count(), self.members_before)
        self.assertFalse(AuditEntry.objects.filter(event="import").exists())

    def test_a_running_job_touched_recently_keeps_running(self):
        self.upload()
        job = ImportJob.objects.get()
        self.age(job, 9, Status.CHECKING)
        response = self.client.get(self.job_url(job, "import_job_status"))
        self.assertContains(response, "正在校验")
        job.refresh_from_db()
        self.assertEqual(job.status, Status.CHECKING)

    @override_settings(DANGJIAN={**SMALL, "imports": {**SMALL["imports"], "stale_minutes": 30}})
    def test_the_deployment_sets_how_long_a_job_may_stay_silent(self):
        self.upload()
        job = ImportJob.objects.get()
        self.age(job, 20, Status.CHECKING)
        self.client.get(self.job_url(job))
        job.refresh_from_db()
        self.assertEqual(job.status, Status.CHECKING)
        self.age(job, 31)
        self.assertContains(self.client.get(self.job_url(job)), "超过30分钟没有进展")

    def test_the_import_page_lists_the_interrupted_job_and_the_user_starts_again(self):
        self.upload("第一次.xlsx")
        job = ImportJob.objects.get()
        self.age(job, 11, Status.CHECKING)
        page = self.client.get(reverse("people:import"))
        self.assertContains(page, "我最近的后台导入")
        self.assertContains(page, "第一次.xlsx")
        self.assertContains(page, "已中断，未导入")
        self.assertContains(page, self.job_url(job))
        with self.settings(TASKS=IMMEDIATE):
            response = self.upload("第二次.xlsx")
            again = ImportJob.objects.exclude(pk=job.pk).get()
            self.assertRedirects(response, self.job_url(again))
            self.assertEqual(again.status, Status.CHECKED)
            self.client.post(self.job_url(again, "import_job_confirm"))
        again.refresh_from_db()
        self.assertEqual(again.status, Status.DONE)
        self.assertEqual(Member.objects.count(), self.members_before + 3)
        job.refresh_from_db()
        self.assertEqual(job.status, Status.INTERRUPTED)

    def test_an_interrupted_job_cannot_be_confirmed(self):
        self.upload()
        job = ImportJob.objects.get()
        self.age(job, 11)
        response = self.client.post(self.job_url(job, "import_job_confirm"), follow=True)
        self.assertContains(response, "已失效")
        self.assertEqual(Member.objects.count(), self.members_before)

    def test_a_worker_started_late_leaves_an_interrupted_job_alone(self):
        self.upload()
        job = ImportJob.objects.get()
        self.age(job, 11)
        self.client.get(self.job_url(job))
        self.assertEqual(jobs.run_import_job.call(str(job.pk)), Status.INTERRUPTED)
        job.refresh_from_db()
        self.assertEqual(job.status, Status.INTERRUPTED)
        self.assertEqual(job.rows_done, 0)

    def test_a_slow_worker_whose_job_was_interrupted_meanwhile_stops_and_writes_nothing(self):
        self.upload()
        job = ImportJob.objects.get()
        job.status = Status.CONFIRMED
        job.save(update_fields=["status"])
        real = jobs.import_string

        def interrupted_as_it_starts(dotted: str):
            importer = real(dotted)

            def run(*args, **kwargs):
                ImportJob.objects.filter(pk=job.pk).update(status=Status.INTERRUPTED)
                return importer(*args, **kwargs)

            return run

        with mock.patch.object(jobs, "import_string", interrupted_as_it_starts):
            self.assertEqual(jobs.run_import_job.call(str(job.pk)), Status.INTERRUPTED)
        job.refresh_from_db()
        self.assertEqual(job.status, Status.INTERRUPTED)
        self.assertEqual(Member.objects.count(), self.members_before)
        self.assertFalse(AuditEntry.objects.filter(event="import").exists())

    def test_the_worker_touches_its_job_as_it_goes(self):
        self.upload()
        job = ImportJob.objects.get()
        self.age(job, 5)
        before = ImportJob.objects.get().touched_at
        jobs.run_import_job.call(str(job.pk))
        job.refresh_from_db()
        self.assertEqual(job.status, Status.CHECKED)
        self.assertGreater(job.touched_at, before)
        self.assertEqual(job.rows_done, 3)
