"""Audited actions written at once by many connections keep the hash chain on one line.

Each thread has its own database connection, as each request of a threaded
server would, and writes its entries inside one transaction: two entries with
a pause between them, plus an ORM change that auditlog records. The chain's
trigger links each entry to the one before; without a lock around "read the
head, append" two transactions would link to the same head and fork the chain,
and verify_audit would report the second one as a broken link.

On SQLite this needs a database file (an in-memory database shared between
connections fails with "table is locked" instead of waiting): when the test
database is in memory, the test runs itself again in a child pytest with
SQLITE_TEST_NAME pointing at a file (config/settings.py).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test import TransactionTestCase

from dangjian.core import audit, audit_upkeep
from dangjian.core.audit_guard import CHAIN_TABLE
from dangjian.core.models import AuditEntry
from dangjian.core.testing import make_org
from dangjian.orgs.models import Organization, OrgKind

WRITERS = 24
ROUNDS = 3


def _in_memory_sqlite() -> bool:
    wrapper = connections[DEFAULT_DB_ALIAS]
    return isinstance(wrapper, SQLiteWrapper) and wrapper.is_in_memory_db()


class ConcurrentAuditChainTests(TransactionTestCase):
    # Naming the apps makes the flush between tests TRUNCATE … CASCADE, which PostgreSQL needs.
    available_apps = list(settings.INSTALLED_APPS)

    def rerun_with_a_database_file(self) -> None:
        with tempfile.TemporaryDirectory(prefix="dangjian-chain-") as folder:
            env = {**os.environ, "SQLITE_TEST_NAME": str(Path(folder) / "chain.sqlite3")}
            env.pop("DATABASE_URL", None)
            child = subprocess.run(
                [sys.executable, "-m", "pytest", f"{__file__}::{type(self).__name__}",
                 "-p", "no:cacheprovider", "-p", "no:warnings", "-p", "no:randomly"],
                cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600,
            )  # fmt: skip
        self.assertEqual(child.returncode, 0, f"the concurrent writes on a SQLite file failed:\n{child.stdout[-4000:]}")
        self.assertIn("1 passed", child.stdout)

    def write(self, org_id: int, n: int) -> None:
        """One request's work: two entries and an audited change, in one transaction."""
        for attempt in range(8):
            try:
                with transaction.atomic():
                    audit.record(audit.Event.EXPORT, target=Organization, object_pk=str(org_id), data={"n": n})
                    time.sleep(0.002)  # hold the transaction open while the others want the head too
                    org = Organization.objects.get(pk=org_id)
                    org.approval_doc = f"批复 {n}"
                    org.save(update_fields=["approval_doc"])
                    audit.record(audit.Event.REVEAL, target=org, data={"n": n})
                return
            except OperationalError:  # SQLite gave up waiting for the write lock: nothing was written
                if attempt == 7:
                    raise
                connection.close()
                time.sleep(0.05 * (attempt + 1))

    def test_concurrent_writers_leave_an_unbroken_chain(self) -> None:
        if _in_memory_sqlite():
            return self.rerun_with_a_database_file()
        root = make_org("GW", "市直属机关工委", OrgKind.COMMITTEE)
        orgs = [make_org(f"C{i:02d}", f"测试党委{i}", OrgKind.PARTY_COMMITTEE, root) for i in range(WRITERS)]
        before = AuditEntry.objects.count()
        connection.close()
        barrier = threading.Barrier(WRITERS)
        errors: list[BaseException] = []
        lock = threading.Lock()

        def run(org_id: int, first: int) -> None:
            try:
                barrier.wait()
                for n in range(first, first + ROUNDS):
                    self.write(org_id, n)
            except BaseException as e:  # noqa: BLE001  (reported by the test)
                with lock:
                    errors.append(e)
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(o.pk, i * ROUNDS)) for i, o in enumerate(orgs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])

        written = AuditEntry.objects.count() - before
        self.assertGreaterEqual(written, WRITERS * ROUNDS * 3, "two recorded events and one change per round")
        verdict = audit_upkeep.verify()
        self.assertIsNone(verdict.broken, verdict.broken)
        self.assertEqual(verdict.checked, AuditEntry.objects.count())
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*), count(DISTINCT prev_hash) FROM {CHAIN_TABLE}")
            links, distinct_heads = cursor.fetchone()
        self.assertEqual(links, distinct_heads, "no two entries link to the same predecessor")
        out = io.StringIO()
        call_command("verify_audit", stdout=out, stderr=io.StringIO())
        self.assertIn("完整", out.getvalue())
