"""Reading reports and dashboards from a streaming replica (DATABASE_REPLICA_URL).

Without a replica nothing here does anything: no router is installed and
`reading_from_replica()` is an empty block. With one (settings: the "replica"
alias, this router, ReplicaPinMiddleware), reads go to the replica only

- inside `reading_from_replica()` (a decorator or a `with` block: the dashboard,
  the annual report's pages and the statistics API use it; nothing else does);
- outside any transaction on the primary (a transaction sees its own rows);
- before this block or this request has written anything (the first write
  sends every later read of the request to the primary);
- when the request's browser has not written in the last `REPLICA_PIN_SECONDS`
  (a POST, or any write, sets a cookie the middleware reads: read-after-write
  for the user who just saved something, whatever the replica's lag);
- when the replica has replayed everything the primary had written when the
  block began (one query on each), so nobody reads a figure older than the
  block; a replica that lags or is down is simply not used, with a warning in
  the log.

Writes always go to the primary, and migrations run only there. A figure a
dashboard computes on the replica is cached like any other: a write that commits
while that very request runs may be missing from it until the next write to the
same rows (or STATS_CACHE_SECONDS), as it would be for a request that began a
moment earlier on the primary.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from contextlib import ContextDecorator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "dangjian_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
log = logging.getLogger(__name__)


@dataclass
class _State:
    replica: bool = False  # reads of this block may go to the replica
    wrote: bool = False  # something was written: every later read goes to the primary
    pinned: bool = False  # this request's browser wrote a moment ago
    block: bool = False  # the state of a reading_from_replica() block
    reads: dict[str, int] = field(default_factory=dict)  # inside a block: reads sent to each database


_state: contextvars.ContextVar[_State | None] = contextvars.ContextVar("dangjian_replica_state", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _current() -> _State:
    state = _state.get()
    if state is None:
        state = _State()
        _state.set(state)
    return state


def replica_caught_up() -> bool:
    """Whether the replica has replayed all the primary had written at this moment (False when
    either cannot be asked: the replica is down, or DEFAULT is not PostgreSQL)."""
    primary, replica = connections[DEFAULT_DB_ALIAS], connections[REPLICA]
    if primary.vendor != "postgresql" or replica.vendor != "postgresql":
        return False
    try:
        with primary.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_insert_lsn()::text")  # all that was written, flushed or not
            (written,) = cursor.fetchone()
        with replica.cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery() AND pg_last_wal_replay_lsn() >= %s::pg_lsn",
                [written],
            )
            (caught_up,) = cursor.fetchone()
    except DatabaseError:
        log.warning("the replica cannot be read; reading from the primary", exc_info=True)
        replica.close()
        return False
    if not caught_up:
        log.info("the replica lags behind the primary; reading from the primary")
    return bool(caught_up)


class reading_from_replica(ContextDecorator):  # noqa: N801 (used like a function: @reading_from_replica())
    """Reads inside go to the replica where that cannot show stale rows (see the module)."""

    def _recreate_cm(self) -> reading_from_replica:
        return reading_from_replica()  # a decorated view runs in many threads: a fresh block each call

    def __enter__(self) -> reading_from_replica:
        outer = _current()
        inner = _State(wrote=outer.wrote, pinned=outer.pinned, block=True)
        inner.replica = (
            replica_configured()
            and not outer.wrote
            and not outer.pinned
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
            and replica_caught_up()
        )
        self.reads = inner.reads
        self._token = _state.set(inner)
        return self

    def __exit__(self, *exc: object) -> None:
        inner = _state.get()
        _state.reset(self._token)
        if inner is not None and inner.wrote:
            _current().wrote = True


class ReplicaRouter:
    """Settings' DATABASE_ROUTERS when there is a replica; see the module for the rules."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        state = _current()
        alias = DEFAULT_DB_ALIAS
        if state.replica and not state.wrote and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            alias = REPLICA
        if state.block:
            state.reads[alias] = state.reads.get(alias, 0) + 1
        return alias

    def db_for_write(self, model: type, **hints: Any) -> str:
        _current().wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {DEFAULT_DB_ALIAS, REPLICA, None} else None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        return False if db == REPLICA else None


class ReplicaPinMiddleware:
    """Read-after-write across requests: a browser that wrote reads from the primary for a while.

    A request that is not GET/HEAD, or that wrote anything, answers with a cookie that lives
    REPLICA_PIN_SECONDS; while the browser sends it, reading_from_replica() reads the primary.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A POST reads its own writes; a browser that wrote a moment ago reads them too.
        state = _State(pinned=PIN_COOKIE in request.COOKIES or request.method not in SAFE_METHODS)
        token = _state.set(state)
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        if state.wrote or request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=getattr(settings, "REPLICA_PIN_SECONDS", 10),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
