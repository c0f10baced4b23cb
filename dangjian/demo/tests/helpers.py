"""The demo data set, seeded once per test process on a fixed day, and handed to each test class
that wants it as a copy of the seeded database."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import sqlite3
from dataclasses import dataclass
from io import StringIO
from typing import Any

from django.core.cache import caches
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import TestCase

# A fixed day in the past, so terms due soon or overdue are the same on every run.
TODAY = dt.date(2025, 6, 30)
DEMO_ARGS = ("--today", TODAY.isoformat())


def seed_demo(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--scale", "demo", *DEMO_ARGS, *args, stdout=out)
    return out.getvalue()


# --- the seeded database, made once per process ---------------------------------------------------
#
# Seeding the demo set takes seconds (the seeders write five years of every app's records through
# their own code); some twenty test classes start from it. The first class of a process seeds a
# copy of the (migrated, empty) test database and keeps it: on SQLite an in-memory copy made with
# the backup API, on PostgreSQL a database used as TEMPLATE. Every seeded class then gets that
# copy back, the very rows the seed wrote (triggers, audit chain, sequences and planner statistics
# with them), and the test database it came from is put back after the class.


@dataclass
class _Seeded:
    output: str  # what seed_demo printed
    copy: Any  # SQLite: a sqlite3 connection holding the seeded database; PostgreSQL: the template's name


_seeded: _Seeded | None = None
_pg_templates: list[str] = []


def _forget_cached_answers() -> None:
    """The database changed under the process without a write: nothing cached from the other one
    (figures, policies) may answer for this one."""
    from django.contrib.contenttypes.models import ContentType

    from dangjian.core import registry

    caches["default"].clear()
    ContentType.objects.clear_cache()
    registry.figures_changed()


def _pg_clone(connection: Any, name: str, template: str) -> None:
    qn = connection.ops.quote_name
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {qn(name)}")
        cursor.execute(f"CREATE DATABASE {qn(name)} TEMPLATE {qn(template)}")


def _pg_drop(connection: Any, name: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


@atexit.register
def _drop_pg_templates() -> None:
    if not _pg_templates:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    with contextlib.suppress(Exception):
        for name in _pg_templates:
            _pg_drop(connection, name)


class _SeededDatabase:
    """While a seeded class runs, the process's test database is a copy of the seeded one."""

    def __init__(self) -> None:
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.vendor = self.connection.vendor
        self.saved: Any = None  # SQLite: the test database as it was; PostgreSQL: its name
        self.swapped = self.vendor in ("sqlite", "postgresql")  # elsewhere: seeded in the class's transaction

    def enter(self) -> str:
        global _seeded
        conn = self.connection
        if self.vendor == "sqlite":
            conn.ensure_connection()
            self.saved = sqlite3.connect(":memory:")
            conn.connection.backup(self.saved)
            if _seeded is None:
                try:
                    output = seed_demo()
                except BaseException:
                    self.saved.backup(conn.connection)
                    raise
                copy = sqlite3.connect(":memory:")
                conn.connection.backup(copy)
                _seeded = _Seeded(output=output, copy=copy)
            else:
                _seeded.copy.backup(conn.connection)
        elif self.vendor == "postgresql":
            self.saved = conn.settings_dict["NAME"]
            if _seeded is None:
                template = f"{self.saved}_demo"
                _pg_clone(conn, template, self.saved)
                _pg_templates.append(template)
                conn.settings_dict["NAME"] = template
                try:
                    output = seed_demo()
                finally:
                    conn.close()
                    conn.settings_dict["NAME"] = self.saved
                _seeded = _Seeded(output=output, copy=template)
            _pg_clone(conn, f"{self.saved}_seeded", _seeded.copy)
            conn.settings_dict["NAME"] = f"{self.saved}_seeded"
        else:
            return ""
        _forget_cached_answers()
        return _seeded.output

    def leave(self) -> None:
        conn = self.connection
        if not self.swapped:
            return
        if self.vendor == "sqlite":
            conn.ensure_connection()
            self.saved.backup(conn.connection)
            self.saved.close()
        elif self.vendor == "postgresql":
            copy = conn.settings_dict["NAME"]
            conn.close()
            conn.settings_dict["NAME"] = self.saved
            _pg_drop(conn, copy)
        _forget_cached_answers()


class SeededTestCase(TestCase):
    """Starts from the demo data set (not from the named World: seeding wants an empty database).

    The class's tests run in a copy of the database seed_demo wrote (once per process), each
    inside the class's transaction as in any TestCase; setUpTestData may add to it."""

    output = ""
    _seeded_database: _SeededDatabase | None = None

    @classmethod
    def setUpClass(cls) -> None:
        database = _SeededDatabase()
        cls.output = database.enter()
        cls._seeded_database = database
        try:
            super().setUpClass()
        except Exception:
            cls._seeded_database = None
            database.leave()
            raise

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        if cls._seeded_database is not None and not cls._seeded_database.swapped:
            cls.output = seed_demo()

    @classmethod
    def tearDownClass(cls) -> None:
        try:
            super().tearDownClass()
        finally:
            database, cls._seeded_database = cls._seeded_database, None
            if database is not None:
                database.leave()
