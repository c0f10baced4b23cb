"""Hundreds of simultaneous sign-ups never overbook an activity (issue 5 §2).

Each thread has its own database connection, as each request of a threaded
server would. On SQLite this needs a database file (an in-memory database
shared between connections fails with "table is locked" instead of waiting):
when the test database is in memory, the test runs itself again in a child
pytest with SQLITE_TEST_NAME pointing at a file (see config/settings.py). On
PostgreSQL the threads share a pool no larger than the server allows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test import Client, TransactionTestCase

from dangjian.core.testing import World, make_user
from dangjian.people.models import Member
from dangjian.volunteer import services
from dangjian.volunteer.models import Participation, ParticipationStatus
from dangjian.volunteer.services.signup import waiting_position

from .helpers import make_activity, make_brigade, make_corps, people

SIGNUPS = 300
PLACES = 30


def _in_memory_sqlite() -> bool:
    wrapper = connections[DEFAULT_DB_ALIAS]
    return isinstance(wrapper, SQLiteWrapper) and wrapper.is_in_memory_db()


def _pool_size() -> int:
    """Connections the threads may hold at once: all of them on SQLite; on PostgreSQL fewer than
    half the server's limit (the other test worker uses the same server)."""
    if connection.vendor != "postgresql":
        return SIGNUPS
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        limit = int(cursor.fetchone()[0])
    return max(5, min(SIGNUPS, limit // 2 - 10))  # two test workers share the server


def patiently(job: Callable[[], object], attempts: int = 5) -> Callable[[], object]:
    """JOB, tried again when SQLite gave up waiting for the write lock (its busy timeout, on a
    loaded machine): the page tells the volunteer to try again, and nothing was written.
    PostgreSQL waits for its row locks, so there an OperationalError (a deadlock between two
    sign-ups, say) is a failure, never retried."""

    def run() -> object:
        for attempt in range(attempts):
            try:
                return job()
            except OperationalError:
                if attempt == attempts - 1 or connection.vendor != "sqlite":
                    raise
                connection.close()
        return None

    return run


def fire(jobs: list[Callable[[], object]]) -> list[BaseException]:
    """Run JOBS in threads released together by a barrier; return what they raised."""
    barrier = threading.Barrier(len(jobs))
    pool = threading.BoundedSemaphore(_pool_size())
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            with pool:
                try:
                    job()
                finally:
                    connection.close()  # this thread's own connection
        except BaseException as e:  # noqa: BLE001  (collected and reported by the test)
            with lock:
                errors.append(e)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


class SignupBurstTests(TransactionTestCase):
    # Naming the apps makes the flush between tests TRUNCATE … CASCADE, which PostgreSQL needs:
    # auditlog's own (unused) log table refers to the content types.
    available_apps = list(settings.INSTALLED_APPS)

    def setUp(self) -> None:
        if _in_memory_sqlite():
            return
        self.w = World()
        corps = make_corps(self.w.committee)
        self.brigade = make_brigade(corps, self.w.org_a)
        self.people = people(self.w.branch_a1, SIGNUPS, prefix="报名者")

    def rerun_with_a_database_file(self) -> None:
        """Run this whole class again in a child pytest whose test database is a file."""
        with tempfile.TemporaryDirectory(prefix="dangjian-burst-") as folder:
            env = {**os.environ, "SQLITE_TEST_NAME": str(Path(folder) / "burst.sqlite3")}
            env.pop("DATABASE_URL", None)
            child = subprocess.run(
                [sys.executable, "-m", "pytest", f"{__file__}::{type(self).__name__}",
                 "-p", "no:cacheprovider", "-p", "no:warnings"],
                cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600,
            )  # fmt: skip
        self.assertEqual(child.returncode, 0, f"the burst on a SQLite file failed:\n{child.stdout[-4000:]}")
        self.assertIn("2 passed", child.stdout)

    def assert_places_then_queue(self, activity_id: int, n: int, places: int) -> None:
        rows = list(Participation.objects.filter(activity_id=activity_id).order_by("seq"))
        self.assertEqual(len(rows), n)
        self.assertEqual(len({p.volunteer_id for p in rows}), n, "one sign-up per person")
        self.assertEqual([p.seq for p in rows], list(range(1, n + 1)), "arrival numbers without gaps or repeats")
        self.assertEqual([p.status for p in rows[:places]], [ParticipationStatus.CONFIRMED] * places)
        self.assertEqual([p.status for p in rows[places:]], [ParticipationStatus.WAITING] * (n - places))
        times = [p.signed_up_at for p in rows]
        self.assertEqual(times, sorted(times), "sign-up times follow the arrival order")
        self.assertEqual([waiting_position(p) for p in rows[places:]], list(range(1, n - places + 1)))

    def test_it_confirms_exactly_the_places_and_queues_the_rest_in_order(self) -> None:
        if _in_memory_sqlite():
            return self.rerun_with_a_database_file()
        activity = make_activity(self.brigade, places=PLACES)
        ids = [m.pk for m in self.people]

        def job(member_id: int) -> Callable[[], object]:
            return patiently(lambda: services.signup(activity_id=activity.pk, member=Member.objects.get(pk=member_id)))

        errors = fire([job(i) for i in ids])
        self.assertEqual(errors, [])
        self.assert_places_then_queue(activity.pk, SIGNUPS, PLACES)
        activity.refresh_from_db()
        self.assertEqual(activity.signup_seq, SIGNUPS)

    def test_it_does_not_overbook_through_the_api_either(self) -> None:
        if _in_memory_sqlite():
            self.skipTest("runs in the child pytest on a SQLite file (see the test above)")
        activity = make_activity(self.brigade, places=10)
        clients = []
        for m in self.people[:60]:
            client = Client()
            client.force_login(make_user(f"api{m.pk}", person=m))
            clients.append(client)
        connection.close()
        answers: list[int] = []
        lock = threading.Lock()

        def job(client: Client) -> Callable[[], object]:
            def post() -> None:
                status = client.post(f"/api/v1/volunteer/activities/{activity.pk}/signup").status_code
                with lock:
                    answers.append(status)

            return post

        errors = fire([job(c) for c in clients])
        self.assertEqual(errors, [])
        self.assertEqual(answers, [200] * 60)
        self.assert_places_then_queue(activity.pk, 60, 10)
