"""The planner's statistics are refreshed after bulk writes and now and then while serving."""

from __future__ import annotations

from unittest import mock

from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from dangjian.core import dbstats
from dangjian.core.testing import BaseTestCase
from dangjian.orgs.models import Organization

TABLE = Organization._meta.db_table


def analyzed_rows(table: str) -> float:
    """How many rows the planner believes TABLE has (0 when it was never analyzed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return 0
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            stats = [row[0] for row in cursor.fetchall()]
            return max((float(s.split()[0]) for s in stats), default=0)
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return max(float(cursor.fetchone()[0]), 0)


def forget_statistics(table: str) -> bool:
    """Drop TABLE's statistics where the test can (SQLite; PostgreSQL's catalog needs a superuser)."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sqlite_schema")  # makes sure sqlite_stat1 exists
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
    return True


class RefreshTests(BaseTestCase):
    def test_refresh_gives_the_planner_the_tables_sizes(self):
        forget_statistics(TABLE)
        dbstats.refresh()
        self.assertEqual(analyzed_rows(TABLE), Organization.objects.count())

    def test_a_bulk_write_analyzes_its_table_once_after_the_commit(self):
        forgotten = forget_statistics(TABLE)
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            dbstats.analyze_after_commit(TABLE, rows=dbstats.BULK_ROWS)
            dbstats.analyze_after_commit(TABLE, rows=dbstats.BULK_ROWS)
            if forgotten:
                self.assertEqual(analyzed_rows(TABLE), 0)  # not inside the writing transaction
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(analyzed_rows(TABLE), Organization.objects.count())

    def test_a_small_write_leaves_the_statistics_alone(self):
        with self.captureOnCommitCallbacks() as callbacks:
            dbstats.analyze_after_commit(TABLE, rows=dbstats.BULK_ROWS - 1)
        self.assertEqual(callbacks, [])


class OptimizeTests(BaseTestCase):
    def optimizing_statements(self, *, at: float) -> list[str]:
        Organization.objects.exists()  # an open connection
        with mock.patch("dangjian.core.dbstats.time.monotonic", return_value=at):
            # Outside the test's transaction, as at the end of a request.
            with mock.patch.object(connections[connection.alias], "in_atomic_block", False):
                with CaptureQueriesContext(connection) as queries:
                    dbstats.optimize_now_and_then()
        return [q["sql"] for q in queries.captured_queries if "optimize" in q["sql"]]

    def test_sqlite_runs_pragma_optimize_once_an_hour(self):
        if connection.vendor != "sqlite":
            self.skipTest("PostgreSQL's autovacuum analyzes on its own")
        dbstats._last_optimized[connection.alias] = 1000.0
        self.assertEqual(self.optimizing_statements(at=1000.0 + 60), [])
        self.assertEqual(self.optimizing_statements(at=1000.0 + dbstats.OPTIMIZE_EVERY), ["PRAGMA optimize"])
        self.assertEqual(self.optimizing_statements(at=1000.0 + dbstats.OPTIMIZE_EVERY + 60), [])
