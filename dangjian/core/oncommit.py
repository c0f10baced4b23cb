"""After-commit work that runs once per transaction, however many writes ask for it."""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections, transaction

_KEY = "_dangjian_once"


def once(key: str, func: Callable[[], None], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Run FUNC after the current transaction commits (now, outside one), once per KEY.

    A rolled-back transaction drops FUNC with its other callbacks, so the next
    transaction asks again.
    """
    if not connections[using].in_atomic_block:
        func()
        return
    if pending(key, using=using):
        return
    setattr(func, _KEY, key)
    transaction.on_commit(func, using=using)


def pending(key: str, *, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the current transaction holds a callback registered with once(KEY)."""
    # Entries are (savepoint ids, callback, robust) since Django 4.2.
    return any(getattr(entry[1], _KEY, None) == key for entry in connections[using].run_on_commit)
