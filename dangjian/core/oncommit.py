"""After-commit work that runs once per transaction, however many writes ask for it."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections, transaction

_KEY = "_dangjian_once"
log = logging.getLogger(__name__)


def once(key: str, func: Callable[[], None], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Run FUNC after the current transaction commits (now, outside one), once per KEY.

    A rolled-back transaction drops FUNC with its other callbacks, so the next
    transaction asks again. FUNC is upkeep after data that is already saved (a
    cache token, statistics): its failure is logged, never turned into an error
    page for a write that succeeded.
    """
    if not connections[using].in_atomic_block:
        try:
            func()
        except Exception:
            log.exception("after-commit upkeep %s failed", key)
        return
    if pending(key, using=using):
        return
    setattr(func, _KEY, key)
    transaction.on_commit(func, using=using, robust=True)


def pending(key: str, *, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the current transaction holds a callback registered with once(KEY)."""
    # Entries are (savepoint ids, callback, robust) since Django 4.2.
    return any(getattr(entry[1], _KEY, None) == key for entry in connections[using].run_on_commit)
