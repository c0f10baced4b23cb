"""A big subtree is frozen and drawn by the task worker, with a progress page the user comes back to."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from dangjian.annual import services
from dangjian.annual.models import JobKind, JobStatus, ReportJob, Status

from .helpers import YEAR, AnnualTestCase

BIG = {"annual": {"background_orgs": 2}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@override_settings(DANGJIAN=BIG, TASKS=DUMMY)
class JobTests(AnnualTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.report = services.report_create(org=self.w.committee, year=YEAR)
        self.login_as(self.w.staff)

    def test_freezing_a_big_subtree_queues_a_job_and_shows_its_progress(self):
        response = self.client.post(reverse("annual:report_freeze", args=[self.report.pk]))
        job = ReportJob.objects.get()
        self.assertRedirects(response, reverse("annual:job", args=[job.pk]))
        page = self.client.get(reverse("annual:job", args=[job.pk]))
        self.assertContains(page, "排队等待")
        self.assertContains(page, 'hx-trigger="every 1s"')
        self.assertEqual(services.run_report_job.call(str(job.pk)), JobStatus.DONE)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Status.FROZEN)
        page = self.client.get(reverse("annual:job", args=[job.pk]), headers={"HX-Request": "true"})
        self.assertContains(page, "数据已冻结")
        self.assertNotContains(page, "hx-trigger")
        self.assertContains(self.client.get(reverse("annual:report", args=[self.report.pk])), "后台任务")

    def test_word_of_a_big_subtree_is_drawn_in_the_background_and_downloaded_later(self):
        response = self.client.get(reverse("annual:report_file", args=[self.report.pk, "docx"]))
        job = ReportJob.objects.get()
        self.assertRedirects(response, reverse("annual:job", args=[job.pk]))
        self.assertEqual(self.client.get(reverse("annual:job_download", args=[job.pk])).status_code, 404)
        services.run_report_job.call(str(job.pk))
        download = self.client.get(reverse("annual:job_download", args=[job.pk]))
        self.assertEqual(download.status_code, 200)
        self.assertTrue(download.content.startswith(b"PK"))

    def test_a_failing_job_says_why_and_a_stale_one_is_interrupted(self):
        services.report_freeze(report=self.report)
        job = services.job_start(report=self.report, kind=JobKind.FREEZE, by=self.w.staff)
        services.run_report_job.call(str(job.pk))
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.FAILED)
        self.assertIn("冻结", job.message)
        stale = services.job_start(report=self.report, kind=JobKind.PDF, by=self.w.staff)
        ReportJob.objects.filter(pk=stale.pk).update(touched_at=timezone.now() - dt.timedelta(minutes=11))
        self.assertContains(self.client.get(reverse("annual:job", args=[stale.pk])), "已中断")

    def test_someone_elses_job_is_not_found(self):
        job = services.job_start(report=self.report, kind=JobKind.PDF, by=self.w.staff)
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.get(reverse("annual:job", args=[job.pk])).status_code, 404)
