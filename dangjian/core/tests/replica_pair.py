"""What test_replica_pair.py runs against a real primary and streaming replica, in a process of its own.

Run as `python -m dangjian.core.tests.replica_pair` with DATABASE_URL (the primary) and
DATABASE_REPLICA_URL (its replica) set, as scripts/pg-replica.sh prints them. It builds the
tables from the models (no migrations: tens of seconds saved, and the checks need no trigger),
writes the named world on the primary and prints one JSON object of findings for the test to
assert on. Nothing here is a test by itself.
"""

from __future__ import annotations

import contextvars
import json
import os
import sys
import time
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DANGJIAN_ENV", "test")


class _NoMigrations(dict[str, Any]):
    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


def _setup() -> None:
    from django.conf import settings

    settings.MIGRATION_MODULES = _NoMigrations()
    import django

    django.setup()
    from django.contrib.auth.hashers import Argon2PasswordHasher

    # As in the suite (conftest.py): the world's users would cost a full Argon2 hash each.
    Argon2PasswordHasher.time_cost = 1
    Argon2PasswordHasher.memory_cost = 8
    Argon2PasswordHasher.parallelism = 1
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)


def _wait_caught_up(seconds: float = 10.0) -> bool:
    from dangjian.core import db_router

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if db_router.replica_caught_up():
            return True
        time.sleep(0.05)
    return False


def _replica_sql(sql: str) -> Any:
    from django.db import connections

    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def main() -> dict[str, Any]:
    started = time.monotonic()
    _setup()
    setup_seconds = round(time.monotonic() - started, 1)
    from django.db import connections, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from dangjian.core import db_router
    from dangjian.core.testing import World
    from dangjian.orgs.models import Election

    found: dict[str, Any] = {"in_recovery": _replica_sql("SELECT pg_is_in_recovery()")[0], "setup": setup_seconds}
    world = World()
    year = timezone.localdate().year
    stats: dict[str, str | int] = {"org": "A", "year": year}
    writer, reader = Client(), Client()
    writer.force_login(world.staff)
    reader.force_login(world.staff)

    # 1. Caught up: the statistics API reads from the replica, and answers what the primary holds.
    found["caught_up"] = _wait_caught_up()
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        answer = reader.get("/api/v1/stats", stats)
    found["caught_up_status"] = answer.status_code
    found["caught_up_replica_queries"] = len(on_replica)
    found["caught_up_elections"] = answer.json().get("orgs.elections_held")

    # 2. The replica stops replaying (lag made on purpose). The writer records an election with a
    # POST; its next statistics read must see it (the primary), and never ask the replica for rows.
    _replica_sql("SELECT pg_wal_replay_pause()")
    try:
        response = writer.post(
            reverse("orgs:election_record", args=["A01"]),
            {"election-held_on": f"{year}-06-01", "election-seats": "", "election-candidates": ""},
        )
        found["write_status"] = response.status_code
        found["write_saved"] = Election.objects.filter(org=world.branch_a1, held_on__year=year).count()
        found["pin_cookie"] = db_router.PIN_COOKIE in response.cookies
        with CaptureQueriesContext(connections["replica"]) as on_replica:
            answer = writer.get("/api/v1/stats", stats)
        found["after_write_elections"] = answer.json().get("orgs.elections_held")
        found["after_write_replica_queries"] = len(on_replica)
        # Another browser (no cookie) while the replica lags: the lag is seen, the primary answers.
        with CaptureQueriesContext(connections["replica"]) as on_replica:
            answer = reader.get("/api/v1/stats", stats)
        found["lagging_elections"] = answer.json().get("orgs.elections_held")
        # Rows of the platform's tables read on the replica (its lag check and the connection's own
        # catalogue look-ups on opening read none of them).
        lagging_reads = [q["sql"] for q in on_replica if 'FROM "' in q["sql"]]
        found["lagging_replica_rows_read"] = len(lagging_reads)
        found["lagging_replica_sql"] = [q["sql"][:200] for q in on_replica]
        found["replica_still_behind"] = (
            _replica_sql(f"SELECT count(*) FROM {Election._meta.db_table} WHERE org_id = {world.branch_a1.pk}")[0]
            < found["write_saved"]
        )
    finally:
        _replica_sql("SELECT pg_wal_replay_resume()")

    # 3. Replaying again and caught up: the other browser reads the new figure from the replica.
    found["caught_up_again"] = _wait_caught_up()
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        answer = reader.get("/api/v1/stats", stats)
    found["replica_elections"] = answer.json().get("orgs.elections_held")
    found["replica_rows_read"] = sum("pg_last_wal_replay_lsn" not in q["sql"] for q in on_replica)

    # 4. Inside a transaction that wrote, reads stay on the primary and see the transaction's row.
    from dangjian.core.testing import make_org
    from dangjian.orgs.models import Organization, OrgKind

    with transaction.atomic():
        make_org("A03", "市财政局第三党支部", OrgKind.BRANCH, world.org_a)
        with db_router.reading_from_replica() as block:
            found["in_transaction_sees_own_row"] = Organization.objects.filter(code="A03").exists()
        found["in_transaction_reads"] = block.reads
        transaction.set_rollback(True)

    # 5. A block that writes sends its later reads to the primary. (A fresh context, as a request
    # has: this process has written, and a context that wrote never reads the replica again.)
    def write_in_block() -> None:
        _wait_caught_up()
        with db_router.reading_from_replica() as block:
            Organization.objects.filter(code="A").count()
            found["block_reads_before_write"] = dict(block.reads)
            world.org_a.save(update_fields=["name"])
            Organization.objects.filter(code="A").count()
        found["block_reads_after_write"] = block.reads

    contextvars.Context().run(write_in_block)
    found["seconds"] = round(time.monotonic() - started, 1)
    return found


if __name__ == "__main__":
    json.dump(main(), sys.stdout)
    sys.stdout.write("\n")
