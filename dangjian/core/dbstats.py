"""The query planner's statistics, kept current (issue 16 §1).

Without them SQLite and PostgreSQL plan every query as if the tables were
small, and a query's cost grows with every other committee's rows. Three
moments refresh them, each cheap:

- after `migrate` and after seed_demo: `refresh()` runs ANALYZE (on SQLite
  sampled, `analysis_limit`, so it takes milliseconds);
- after a bulk write of many rows (an import): `analyze_after_commit(table)`
  analyzes the tables written, once the transaction has committed;
- while serving, on SQLite: `PRAGMA optimize` once an hour per process at the
  end of a request, which re-analyzes only the tables whose size has changed
  (PostgreSQL's autovacuum does that on its own).
"""

from __future__ import annotations

import time
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

from . import oncommit

# Rows SQLite's ANALYZE looks at per index: enough for good plans, a few milliseconds per table.
SQLITE_ANALYSIS_LIMIT = 1000
OPTIMIZE_EVERY = 3600  # seconds
# A bulk write of at least this many rows refreshes its table's statistics.
BULK_ROWS = 1000

_last_optimized: dict[str, float] = {}


def refresh(using: str = DEFAULT_DB_ALIAS) -> None:
    """Recompute the planner's statistics of every table (after a migration or a bulk write)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    _last_optimized[using] = time.monotonic()


def analyze_after_commit(table: str, *, rows: int, using: str = DEFAULT_DB_ALIAS) -> None:
    """ANALYZE TABLE once the current transaction commits, when ROWS (written to it) is many."""
    if rows < BULK_ROWS:
        return
    connection = connections[using]

    def analyze() -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            if connection.vendor in ("sqlite", "postgresql"):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

    # After the import's transaction: PostgreSQL's ANALYZE would hold its lock until the commit.
    oncommit.once(f"analyze:{table}", analyze, using=using)


def optimize_now_and_then(sender: Any = None, **kwargs: Any) -> None:
    """request_finished: on SQLite, `PRAGMA optimize` once every OPTIMIZE_EVERY seconds per process."""
    for using in connections:
        connection = connections[using]
        # Only an open connection outside a transaction: never one opened just for this.
        if connection.vendor != "sqlite" or connection.connection is None or connection.in_atomic_block:
            continue
        now = time.monotonic()
        last = _last_optimized.setdefault(using, now)
        if now - last < OPTIMIZE_EVERY:
            continue
        _last_optimized[using] = now
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("PRAGMA optimize")


def after_migrate(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """post_migrate (once per migrate, for the core app): new tables and indexes get statistics."""
    refresh(using)
