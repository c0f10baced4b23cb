"""A big roster is checked and imported by the task worker, with a progress page (issue 10 §3)."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from dangjian.core.importing import jobs
from dangjian.core.models import AuditEntry, ImportJob
from dangjian.people.models import Member

from .test_import_members import MemberImportCase, person

UPLOADS = Path(tempfile.mkdtemp(prefix="dangjian-import-job-test-"))
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
SMALL = {"imports": {"background_rows": 2}}  # three rows and a header: the worker's


@override_settings(UPLOAD_DIR=UPLOADS, TASKS=IMMEDIATE, DANGJIAN=SMALL)
class BackgroundImportTests(MemberImportCase):
    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(UPLOADS, ignore_errors=True)
        super().tearDownClass()

    def upload(self, people: list[dict]):
        with open(self.xlsx(people), "rb") as f:
            content = f.read()
        return self.client.post(reverse("people:import"), {"file": SimpleUploadedFile("大名册.xlsx", content)})

    def test_a_big_file_is_checked_in_the_background_then_imported_on_confirmation(self):
        self.login_as(self.w.staff)
        response = self.upload([person(1), person(2), person(3)])
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("people:import_job", kwargs={"job": job.pk}))
        self.assertEqual(job.status, ImportJob.Status.CHECKED)
        self.assertEqual((job.rows_done, job.rows_total), (3, 3))
        self.assertEqual(Member.objects.count(), 2)  # checking writes nothing
        page = self.client.get(response.url)
        self.assertContains(page, "确认导入")
        self.assertEqual(page.context["result"].created, 3)
        self.assertNotContains(page, person(1)["身份证号"])

        response = self.client.post(reverse("people:import_job_confirm", kwargs={"job": job.pk}), follow=True)
        self.assertContains(response, "人员名册导入完成")
        job.refresh_from_db()
        self.assertEqual(job.status, ImportJob.Status.DONE)
        self.assertIsNotNone(job.finished_at)
        self.assertEqual(Member.objects.count(), 5)
        entry = AuditEntry.objects.get(event="import")
        self.assertEqual(entry.actor, self.w.staff)
        self.assertEqual(entry.remote_addr, "127.0.0.1")
        self.assertEqual(list(UPLOADS.glob("import-members-*")), [])

    def test_a_confirmed_job_cannot_be_confirmed_twice(self):
        self.login_as(self.w.staff)
        self.upload([person(1), person(2), person(3)])
        job = ImportJob.objects.get()
        url = reverse("people:import_job_confirm", kwargs={"job": job.pk})
        self.client.post(url)
        response = self.client.post(url, follow=True)
        self.assertContains(response, "已失效")
        self.assertEqual(AuditEntry.objects.filter(event="import").count(), 1)

    @override_settings(TASKS=DUMMY)
    def test_two_confirmations_sent_at_once_queue_one_import(self):
        self.login_as(self.w.staff)
        with override_settings(TASKS=IMMEDIATE):
            self.upload([person(1), person(2), person(3)])
        first, second = ImportJob.objects.get(), ImportJob.objects.get()  # both requests read it CHECKED
        jobs.confirm_job(job=first)
        with self.assertRaisesMessage(jobs.StagingError, "已失效"):
            jobs.confirm_job(job=second)
        self.assertEqual(ImportJob.objects.get().status, ImportJob.Status.CONFIRMED)

    def test_errors_are_listed_per_row_and_downloadable_and_nothing_is_written(self):
        self.login_as(self.w.staff)
        response = self.upload([person(1), person(2, 民族="火星族"), person(3, 所在组织编码="NOPE")])
        job = ImportJob.objects.get()
        self.assertEqual(job.status, ImportJob.Status.FAILED)
        page = self.client.get(response.url)
        self.assertContains(page, "火星族")
        self.assertNotContains(page, "确认导入")
        report = self.client.get(reverse("people:import_job_errors", kwargs={"job": job.pk}))
        self.assertEqual(report.status_code, 200)
        rows = list(load_workbook(io.BytesIO(report.content)).active.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("行号", "列", "原因"))
        self.assertEqual([r[:2] for r in rows[1:]], [(3, "民族"), (4, "所在组织编码")])
        self.assertEqual(Member.objects.count(), 2)
        self.assertFalse(AuditEntry.objects.filter(event="import").exists())

    def test_a_small_file_is_still_checked_in_the_request(self):
        self.login_as(self.w.staff)
        response = self.upload([person(1), person(2)])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "确认导入")
        self.assertFalse(ImportJob.objects.exists())

    def test_only_the_uploader_sees_the_job(self):
        self.login_as(self.w.staff)
        self.upload([person(1), person(2), person(3)])
        job = ImportJob.objects.get()
        self.login_as(self.w.admin_a)  # may import members too, but this job is not theirs
        for name in ("import_job", "import_job_status", "import_job_errors"):
            self.assertEqual(self.client.get(reverse(f"people:{name}", kwargs={"job": job.pk})).status_code, 404)
        response = self.client.post(reverse("people:import_job_confirm", kwargs={"job": job.pk}))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Member.objects.count(), 2)

    @override_settings(TASKS=DUMMY)
    def test_the_page_polls_while_the_worker_has_not_finished(self):
        self.login_as(self.w.staff)
        response = self.upload([person(1), person(2), person(3)])
        job = ImportJob.objects.get()
        self.assertEqual(job.status, ImportJob.Status.QUEUED)
        page = self.client.get(response.url)
        status_url = reverse("people:import_job_status", kwargs={"job": job.pk})
        self.assertContains(page, f'hx-get="{status_url}"')
        self.assertContains(page, "共约 3 行")
        jobs.run_import_job.call(str(job.pk))  # what the worker does
        status = self.client.get(status_url, headers={"HX-Request": "true"})
        self.assertEqual(status["HX-Refresh"], "true")
        self.assertContains(self.client.get(response.url), "确认导入")


class RowCapTests(MemberImportCase):
    @override_settings(DANGJIAN={"imports": {"max_rows": 2}})
    def test_a_roster_above_the_row_cap_is_refused_whole_naming_the_cap(self):
        from dangjian.people.importing import import_members_file

        result = import_members_file(self.xlsx([person(1), person(2, 民族="火星族"), person(3)]))
        self.assertEqual(len(result.errors), 1)  # the cap alone, not the bad rows read before it
        self.assertIn("超过 2 行的上限", result.errors[0].message)
        self.assertEqual(Member.objects.count(), 2)
        self.assertFalse(AuditEntry.objects.filter(event="import").exists())
