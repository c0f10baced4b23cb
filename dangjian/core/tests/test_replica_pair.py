"""Reports on a streaming replica, against a real PostgreSQL primary and replica.

setUpClass starts the pair with scripts/pg-replica.sh (as `make replica` does) and runs
dangjian/core/tests/replica_pair.py in a process of its own, configured with DATABASE_URL and
DATABASE_REPLICA_URL like a production server; each test reads one part of its findings.
Skipped, with the reason, where PostgreSQL's server programs are not installed.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import uuid
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.test import SimpleTestCase

ROOT = Path(settings.BASE_DIR)
SCRIPT = ROOT / "scripts" / "pg-replica.sh"


def _postgres_installed() -> bool:
    found = glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup") or shutil.which("pg_basebackup")
    return bool(found)


class ReplicaPairTests(SimpleTestCase):
    found: ClassVar[dict[str, Any]]
    folder: ClassVar[str]

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        if not _postgres_installed():
            raise unittest.SkipTest("PostgreSQL's server programs (initdb, pg_basebackup) are not installed")
        # Not made by mkdtemp: as root the script hands the folder to the postgres user, who
        # could not enter a private folder around it.
        cls.folder = str(Path(tempfile.gettempdir()) / f"dangjian-replica-{uuid.uuid4().hex[:12]}")
        cls.addClassCleanup(subprocess.run, ["bash", str(SCRIPT), "stop", cls.folder], check=False)
        started = subprocess.run(
            ["bash", str(SCRIPT), "start", cls.folder], capture_output=True, text=True, timeout=120, check=False
        )
        if started.returncode != 0:
            raise AssertionError(f"pg-replica.sh start failed:\n{started.stderr}")
        env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "SQLITE_TEST_NAME", "S3_BUCKET")}
        for line in started.stdout.splitlines():
            name, _, value = line.partition("=")
            if name in ("DATABASE_URL", "DATABASE_REPLICA_URL"):
                env[name] = value
        var_dir = tempfile.mkdtemp(prefix="dangjian-replica-var-")
        cls.addClassCleanup(shutil.rmtree, var_dir, ignore_errors=True)
        env.update(DANGJIAN_VAR_DIR=var_dir, DANGJIAN_ENV="test", TASKS_BACKEND="immediate")
        checks = subprocess.run(
            [sys.executable, "-m", "dangjian.core.tests.replica_pair"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        if checks.returncode != 0:
            raise AssertionError(f"replica_pair.py failed:\n{checks.stderr[-4000:]}")
        cls.found = json.loads(checks.stdout.strip().splitlines()[-1])

    def test_it_runs_a_streaming_replica(self) -> None:
        self.assertIs(self.found["in_recovery"], True)  # the replica is a standby, not a copy

    def test_it_reads_reports_from_the_replica_once_it_caught_up(self) -> None:
        self.assertTrue(self.found["caught_up"])
        self.assertEqual(self.found["caught_up_status"], 200)
        self.assertGreater(self.found["caught_up_replica_queries"], 1)
        self.assertEqual(self.found["caught_up_elections"], 0)

    def test_it_shows_the_writer_what_it_wrote_while_the_replica_lags(self) -> None:
        self.assertEqual(self.found["write_status"], 302)
        self.assertEqual(self.found["write_saved"], 1)
        self.assertTrue(self.found["replica_still_behind"])  # the lag was real
        self.assertTrue(self.found["pin_cookie"])
        self.assertEqual(self.found["after_write_elections"], 1)
        self.assertEqual(self.found["after_write_replica_queries"], 0)

    def test_it_reads_the_primary_for_others_while_the_replica_lags(self) -> None:
        self.assertEqual(self.found["lagging_elections"], 1)
        self.assertEqual(self.found["lagging_replica_rows_read"], 0, self.found["lagging_replica_sql"])

    def test_it_reads_the_new_figure_from_the_replica_once_replayed(self) -> None:
        self.assertTrue(self.found["caught_up_again"])
        self.assertEqual(self.found["replica_elections"], 1)
        self.assertGreater(self.found["replica_rows_read"], 0)

    def test_it_keeps_reads_inside_a_written_transaction_on_the_primary(self) -> None:
        self.assertTrue(self.found["in_transaction_sees_own_row"])
        self.assertEqual(self.found["in_transaction_reads"], {"default": 1})

    def test_it_reads_the_primary_after_a_write_in_the_same_block(self) -> None:
        self.assertEqual(self.found["block_reads_before_write"], {"replica": 1})
        after = self.found["block_reads_after_write"]
        self.assertEqual(after["replica"], 1)  # not one more after the write
        self.assertGreaterEqual(after["default"], 1)
