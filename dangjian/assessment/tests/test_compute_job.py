"""Computing the whole committee's results in the task worker: the button queues a job, the
results page shows its progress bar (htmx polls it) and stays usable; a failed run leaves the
previous results; one job at a time."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.utils import timezone

from dangjian.assessment import services
from dangjian.assessment.models import ComputeJob, JobStatus, OrgResult
from dangjian.assessment.services import compute
from dangjian.core.testing import BaseTestCase

from .helpers import EXAMPLE, build_scheme, figures


class ComputeJobTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.scheme = build_scheme(self.w)
        self.login_as(self.w.staff)

    def start(self):
        response = self.client.post(f"/assessment/{self.scheme.pk}/results/compute/", follow=True)
        return response, ComputeJob.objects.filter(scheme=self.scheme).first()

    def test_the_button_queues_a_job_and_the_page_shows_its_progress(self):
        with self.captureOnCommitCallbacks(execute=True):
            response, job = self.start()
        self.assertContains(response, "已开始在后台计算考核结果")
        self.assertEqual(job.status, JobStatus.QUEUED)
        self.assertContains(response, f'hx-get="/assessment/jobs/{job.pk}/"')
        self.assertContains(response, "<progress")
        self.assertFalse(OrgResult.objects.exists())  # nothing computed in the request
        with figures(EXAMPLE):
            self.assertEqual(services.run_compute_job.call(str(job.pk)), JobStatus.DONE)
        job.refresh_from_db()
        self.assertEqual((job.steps_done, job.steps_total), (6, 6))  # 5 organizations and the storing
        self.assertEqual(job.message, "已计算 5 个党组织的考核结果。")
        partial = self.client.get(f"/assessment/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
        self.assertContains(partial, 'data-job-status="done"')
        self.assertNotContains(partial, "hx-get")  # polling stops
        self.assertEqual(OrgResult.objects.filter(result_set__scheme=self.scheme).count(), 5)

    def test_progress_is_told_while_the_organizations_are_scored(self):
        seen: list[tuple[int, int]] = []
        with figures(EXAMPLE):
            services.results_compute(scheme=self.scheme, progress=lambda d, t: seen.append((d, t)))
        self.assertEqual(seen, [(5, 6), (6, 6)])

    def test_a_second_start_while_one_runs_is_refused(self):
        self.start()
        response, _ = self.start()
        self.assertContains(response, "考核结果正在后台计算，请等待本次计算完成。")
        self.assertEqual(ComputeJob.objects.filter(scheme=self.scheme).count(), 1)

    def test_a_failed_run_leaves_the_previous_results(self):
        with figures(EXAMPLE):
            rs = services.results_compute(scheme=self.scheme)
        before = list(OrgResult.objects.filter(result_set=rs).values_list("pk", "score"))
        computed_at = rs.computed_at
        _, job = self.start()
        calls = {"n": 0}
        original = compute._score_org

        def broken(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 3:
                raise RuntimeError("boom")
            return original(*args, **kwargs)

        with figures(EXAMPLE), mock.patch.object(compute, "_score_org", broken):
            self.assertEqual(services.run_compute_job.call(str(job.pk)), JobStatus.FAILED)
        job.refresh_from_db()
        self.assertIn("原有结果保持不变", job.message)
        self.assertEqual(list(OrgResult.objects.filter(result_set=rs).values_list("pk", "score")), before)
        rs.refresh_from_db()
        self.assertEqual(rs.computed_at, computed_at)
        page = self.client.get(f"/assessment/{self.scheme.pk}/results/")
        self.assertContains(page, 'data-job-status="failed"')
        self.assertContains(page, "市财政局第一党支部")  # the previous table is still shown

    def test_a_job_its_worker_dropped_shows_as_interrupted_and_may_be_started_again(self):
        _, job = self.start()
        ComputeJob.objects.filter(pk=job.pk).update(touched_at=timezone.now() - dt.timedelta(minutes=30))
        page = self.client.get(f"/assessment/{self.scheme.pk}/results/")
        self.assertContains(page, 'data-job-status="interrupted"')
        _, again = self.start()
        self.assertEqual(ComputeJob.objects.filter(scheme=self.scheme).count(), 2)

    def test_an_org_admin_cannot_start_or_watch_a_computation(self):
        _, job = self.start()
        self.login_as(self.w.admin_a)
        self.assertEqual(self.client.post(f"/assessment/{self.scheme.pk}/results/compute/").status_code, 404)
        self.assertEqual(self.client.get(f"/assessment/jobs/{job.pk}/", HTTP_HX_REQUEST="true").status_code, 404)
        self.assertEqual(ComputeJob.objects.count(), 1)
