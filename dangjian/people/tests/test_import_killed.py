"""A worker killed (SIGKILL) in the middle of writing a roster import leaves no row of it, and the
import can be done again (issue 16 §3).

The child process is the task worker: it runs the confirmed job and is killed once the new members
are inserted, before its transaction commits. On SQLite the test needs a database file that the
child can open too: on an in-memory test database it runs itself again in a child pytest on a file.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from dangjian.core import audit_upkeep
from dangjian.core.importing import jobs
from dangjian.core.models import AuditEntry, ImportJob
from dangjian.core.testing import World, kill_midway, rerun_on_a_sqlite_file
from dangjian.people.models import Member

from .test_import_members import HEADERS, person

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # the child is the worker
ROWS = 40
Status = ImportJob.Status


def roster() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for n in range(1, ROWS + 1):
        ws.append([person(n).get(h) for h in HEADERS])
    path = Path(tempfile.mkstemp(suffix=".xlsx")[1])
    try:
        wb.save(path)
        return path.read_bytes()
    finally:
        path.unlink()


class KilledImportTests(TransactionTestCase):
    # Naming the apps makes the flush between tests TRUNCATE … CASCADE, which PostgreSQL needs.
    available_apps = list(settings.INSTALLED_APPS)

    def upload_and_confirm(self, content: bytes) -> ImportJob:
        """The pages' way: upload, the worker checks, the uploader confirms (the import is queued)."""
        self.client.post(reverse("people:import"), {"file": SimpleUploadedFile("大名册.xlsx", content)})
        job = ImportJob.objects.latest("created_at")
        self.assertEqual(jobs.run_import_job.call(str(job.pk)), Status.CHECKED)
        self.client.post(reverse("people:import_job_confirm", kwargs={"job": job.pk}))
        job.refresh_from_db()
        self.assertEqual(job.status, Status.CONFIRMED)
        return job

    def test_an_import_killed_while_writing_leaves_nothing_and_is_done_again(self):
        if rerun_on_a_sqlite_file(self):
            return
        var = Path(tempfile.mkdtemp(prefix="dangjian-import-killed-"))
        self.addCleanup(shutil.rmtree, var, ignore_errors=True)
        uploads = var / "uploads"
        uploads.mkdir()
        small = {"imports": {"background_rows": 2}}
        with override_settings(UPLOAD_DIR=uploads, TASKS=DUMMY, DANGJIAN=small):
            w = World()
            self.client.force_login(w.staff)
            content = roster()
            job = self.upload_and_confirm(content)
            members, entries = Member.objects.count(), AuditEntry.objects.count()

            output = kill_midway(
                f"""
from unittest import mock
from dangjian.core.importing.jobs import run_import_job
from dangjian.people.importing import write

real = write.insert_rows
def insert_then_die(rows, *args, **kwargs):
    real(rows, *args, **kwargs)
    print("inserted", len(rows), flush=True)
    midway()  # the new members are in, the transaction is open

with mock.patch.object(write, "insert_rows", insert_then_die):
    run_import_job.call({str(job.pk)!r})
""",
                env={"DANGJIAN_VAR_DIR": str(var)},
            )
            self.assertIn(f"inserted {ROWS}", output)

            # Nothing of the import is left: all rows or none.
            connection.close()
            if connection.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA integrity_check")
                    self.assertEqual(cursor.fetchone()[0], "ok")
            self.assertEqual(Member.objects.count(), members)
            self.assertEqual(AuditEntry.objects.count(), entries)
            self.assertIsNone(audit_upkeep.verify().broken)
            job.refresh_from_db()
            self.assertEqual(job.status, Status.WRITING)  # what the dead worker claimed, committed before

            # Its page says so once the worker has been silent for the stale time, and nothing was written.
            ImportJob.objects.filter(pk=job.pk).update(touched_at=timezone.now() - dt.timedelta(minutes=11))
            page = self.client.get(reverse("people:import_job", kwargs={"job": job.pk}))
            self.assertContains(page, "后台导入已中断")
            self.assertContains(page, "未导入任何数据")

            # Done again: the same file imports whole.
            again = self.upload_and_confirm(content)
            self.assertEqual(jobs.run_import_job.call(str(again.pk)), Status.DONE)
            self.assertEqual(Member.objects.count(), members + ROWS)
            self.assertEqual(AuditEntry.objects.filter(event="import").count(), 1)
            self.assertIsNone(audit_upkeep.verify().broken)
