"""A task worker killed (SIGKILL) while it freezes a big subtree's annual report leaves the report a
draft with no figure half-frozen; its job shows as interrupted (on the report's page too) and the
user starts it again to completion (issue 16 §3).

The child process is the task worker, killed inside the freezing transaction after its first figure.
On SQLite the test needs a database file the child can open too: on an in-memory test database it
runs itself again in a child pytest on a file.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from dangjian.annual import services
from dangjian.annual.models import FrozenFigure, JobStatus, ReportJob, Status
from dangjian.core import audit_upkeep
from dangjian.core.testing import World, kill_midway, rerun_on_a_sqlite_file

from .helpers import YEAR

BIG = {"annual": {"background_orgs": 2}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # the child is the worker


@override_settings(DANGJIAN=BIG, TASKS=DUMMY)
class KilledReportJobTests(TransactionTestCase):
    # Naming the apps makes the flush between tests TRUNCATE … CASCADE, which PostgreSQL needs.
    available_apps = list(settings.INSTALLED_APPS)

    def freeze(self, report_pk: int) -> ReportJob:
        self.client.post(reverse("annual:report_freeze", args=[report_pk]))
        return ReportJob.objects.latest("created_at")

    def test_a_worker_killed_while_freezing_leaves_a_draft_and_the_user_freezes_again(self):
        if rerun_on_a_sqlite_file(self):
            return
        w = World()
        report = services.report_create(org=w.committee, year=YEAR)
        self.client.force_login(w.staff)
        job = self.freeze(report.pk)

        output = kill_midway(f"""
import importlib
from unittest import mock
jobs = importlib.import_module("dangjian.core.jobs")  # every job's progress goes through its touch()
report_jobs = importlib.import_module("dangjian.annual.services.jobs")

real = jobs.touch
def touch_then_die(*args, **kwargs):
    real(*args, **kwargs)
    print("first figure computed", flush=True)
    midway()  # inside the freezing transaction

with mock.patch.object(jobs, "touch", touch_then_die):
    report_jobs.run_report_job.call({str(job.pk)!r})
""")  # fmt: skip
        self.assertIn("first figure computed", output)

        connection.close()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA integrity_check")
                self.assertEqual(cursor.fetchone()[0], "ok")
        report.refresh_from_db()
        self.assertEqual(report.status, Status.DRAFT)
        self.assertFalse(FrozenFigure.objects.filter(report=report).exists())
        self.assertIsNone(audit_upkeep.verify().broken)
        job.refresh_from_db()
        self.assertEqual(job.status, JobStatus.RUNNING)  # claimed by the worker before it died

        # Once the worker has been silent for the stale time, the report's own page says so.
        ReportJob.objects.filter(pk=job.pk).update(touched_at=timezone.now() - dt.timedelta(minutes=11))
        page = self.client.get(reverse("annual:report", args=[report.pk]))
        self.assertContains(page, "已中断")
        self.assertNotContains(page, JobStatus.RUNNING.label)
        self.assertContains(self.client.get(reverse("annual:job", args=[job.pk])), "请重新发起")

        # Started again, it completes.
        again = self.freeze(report.pk)
        self.assertNotEqual(again.pk, job.pk)
        self.assertEqual(services.run_report_job.call(str(again.pk)), JobStatus.DONE)
        report.refresh_from_db()
        self.assertEqual(report.status, Status.FROZEN)
        self.assertTrue(FrozenFigure.objects.filter(report=report).exists())
        self.assertIsNone(audit_upkeep.verify().broken)
