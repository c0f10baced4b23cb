"""pytest configuration shared by the whole suite."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# One folder per run (made by the first pytest process: xdist's controller, or a lone pytest) holds
# the migrated test database that every other process of the run starts from: the xdist workers,
# and the child pytest some concurrency tests start on a SQLite file. Migrating takes tens of
# seconds (Django renders the model states of some 90 migrations); copying takes a fraction of one.
TEMPLATE_DIR_ENV = "DANGJIAN_TEST_DB_TEMPLATE_DIR"
_made_template_dir: str | None = None


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    global _made_template_dir
    # Argon2 at production strength costs ~0.1 s a hash, and every test builds a
    # World with five users. Same algorithm (hashes still start with "argon2"),
    # minimal cost: the suite runs several times faster.
    from django.contrib.auth.hashers import Argon2PasswordHasher

    Argon2PasswordHasher.time_cost = 1
    Argon2PasswordHasher.memory_cost = 8
    Argon2PasswordHasher.parallelism = 1

    if not os.environ.get(TEMPLATE_DIR_ENV):
        _made_template_dir = tempfile.mkdtemp(prefix="dangjian-testdb-")
        os.environ[TEMPLATE_DIR_ENV] = _made_template_dir

    # The "shared" cache (the figures' generations) is a folder that every process of a deployment
    # shares. The xdist workers each have a database of their own, so each gets a folder of its own
    # too: otherwise one worker's writes mark another worker's figures changed.
    from django.conf import settings

    shared = settings.CACHES.get("shared", {})
    if shared.get("BACKEND", "").endswith("FileBasedCache"):
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        shared["LOCATION"] = str(Path(os.environ[TEMPLATE_DIR_ENV]) / f"cache-{worker}-{os.getpid()}")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _made_template_dir is not None:
        shutil.rmtree(_made_template_dir, ignore_errors=True)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class _Template:
    """The run's migrated database: SQLite as a file, PostgreSQL as a database used as TEMPLATE."""

    def __init__(self, folder: Path, connection: Any) -> None:
        self.folder = folder
        self.connection = connection
        self.vendor = connection.vendor
        self.made_pg_template: str | None = None

    @property
    def ready_mark(self) -> Path:
        return self.folder / f"{self.vendor}.ready"

    def pg_name(self) -> str:
        return f"{self.connection.settings_dict['NAME'].rsplit('_gw', 1)[0]}_template"

    def restore(self) -> bool:
        """Fill the (new, empty) test database from the template; False if there is none."""
        if not self.ready_mark.exists():
            return False
        conn = self.connection
        if self.vendor == "sqlite":
            conn.ensure_connection()
            with contextlib.closing(sqlite3.connect(self.folder / "sqlite.sqlite3")) as source:
                source.backup(conn.connection)
            if not conn.is_in_memory_db():
                conn.close()  # reconnecting runs the settings' PRAGMAs (WAL) on the copied file
            return True
        name, template = conn.settings_dict["NAME"], self.ready_mark.read_text()
        conn.close()
        qn = conn.ops.quote_name
        with conn._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {qn(name)}")
            cursor.execute(f"CREATE DATABASE {qn(name)} TEMPLATE {qn(template)}")
        return True

    def save(self) -> None:
        conn = self.connection
        if self.vendor == "sqlite":
            conn.ensure_connection()
            with contextlib.closing(sqlite3.connect(self.folder / "sqlite.sqlite3")) as target:
                conn.connection.backup(target)
            self.ready_mark.write_text("sqlite.sqlite3")
            return
        name, template = conn.settings_dict["NAME"], self.pg_name()
        conn.close()
        qn = conn.ops.quote_name
        with conn._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {qn(template)}")
            cursor.execute(f"CREATE DATABASE {qn(template)} TEMPLATE {qn(name)}")
        self.made_pg_template = template
        self.ready_mark.write_text(template)

    def drop(self) -> None:
        if self.made_pg_template is None:
            return
        conn = self.connection
        with _locked(self.folder), conn._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {conn.ops.quote_name(self.made_pg_template)}")
        self.ready_mark.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings: None,
    django_db_keepdb: bool,
    django_db_createdb: bool,
    django_db_use_migrations: bool,
    django_db_blocker: Any,
) -> Iterator[None]:
    """The test database is migrated once per run: the first process migrates and keeps a copy,
    the others start from that copy (post_migrate is still sent, as after a migrate)."""
    from django.core import management
    from django.db import DEFAULT_DB_ALIAS, connections

    folder = os.environ.get(TEMPLATE_DIR_ENV)
    connection = connections[DEFAULT_DB_ALIAS]
    usable = (
        folder
        and Path(folder).is_dir()
        and django_db_use_migrations
        and not (django_db_keepdb and not django_db_createdb)
        and connection.vendor in ("sqlite", "postgresql")
        and (connection.vendor == "sqlite" or os.environ.get("PYTEST_XDIST_WORKER"))
    )
    if not usable:
        yield
        return
    assert folder is not None
    template = _Template(Path(folder), connection)
    real_call_command = management.call_command
    armed = True

    def call_command(name: Any, *args: Any, **options: Any) -> Any:
        nonlocal armed
        if not (armed and name == "migrate" and options.get("database", DEFAULT_DB_ALIAS) == DEFAULT_DB_ALIAS):
            return real_call_command(name, *args, **options)
        armed = False
        management.call_command = real_call_command
        from django.core.management.sql import emit_post_migrate_signal

        with _locked(template.folder):
            if template.restore():
                emit_post_migrate_signal(options.get("verbosity", 0), False, DEFAULT_DB_ALIAS)
                return None
            result = real_call_command(name, *args, **options)
            template.save()
            return result

    management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = real_call_command
        with django_db_blocker.unblock():
            template.drop()


MATRIX_TESTS = "dangjian/core/tests/test_permission_matrix.py"


DB_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "client",
        "admin_client",
        "admin_user",
        "django_user_model",
        "live_server",
    }
)


def _reaches_a_database(item: pytest.Item) -> bool:
    """Whether a test can touch the database at all: pytest-django blocks every query of a test
    that neither is a Django TransactionTestCase (or a SimpleTestCase declaring databases) nor asks
    for a database fixture or the django_db marker."""
    from django.test import SimpleTestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, SimpleTestCase):
        return issubclass(cls, TransactionTestCase) or bool(getattr(cls, "databases", None))
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DB_FIXTURES & set(getattr(item, "fixturenames", ())))


def _leave_out_database_free_tests_on_postgres(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL pass exists to run the database's half of the suite on the other database.
    A test that cannot reach a database (the content gate's matching, ID-number checks, parsers,
    pure functions) gives the same answer on both, so the pass leaves it to the SQLite pass.
    DANGJIAN_TEST_EVERYTHING=1 keeps them."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return
    if os.environ.get("DANGJIAN_TEST_EVERYTHING") == "1":
        return
    free = [item for item in items if not _reaches_a_database(item)]
    if free and len(free) < len(items):
        config.hook.pytest_deselected(items=free)
        kept = set(map(id, free))
        items[:] = [item for item in items if id(item) not in kept]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _leave_out_database_free_tests_on_postgres(config, items)
    _leave_out_repeated_permission_rows(config, items)


def _leave_out_repeated_permission_rows(config: pytest.Config, items: list[pytest.Item]) -> None:
    """An app's test_permission_rows.py walks its own rows of the permission matrix, so that the
    app's tests check them without the whole (slow) matrix. When the session runs the matrix too,
    the matrix walks those same rows as the same users with the same expectations (and checks each
    refusal's audit entry): the app's walk would only repeat it, and is left out."""
    if not any(item.nodeid.startswith(MATRIX_TESTS) for item in items):
        return
    from dangjian.core.manifests import manifests

    walked = {m.permission_rows for m in manifests() if m.permission_rows}
    repeated, kept = [], []
    for item in items:
        module = getattr(item, "module", None)
        name = getattr(module, "__name__", "")
        own_rows = name.endswith(".test_permission_rows") and name.rsplit(".", 1)[0] + ".permission_rows" in walked
        (repeated if own_rows else kept).append(item)
    if repeated:
        config.hook.pytest_deselected(items=repeated)
        items[:] = kept


@pytest.fixture(autouse=True)
def _content_types_of_this_database(request: pytest.FixtureRequest) -> Iterator[None]:
    """A TransactionTestCase ends by flushing the database, and the content types come back under
    new ids (a restore test loads another copy of them); the cache of content types would still
    hand out the old ids, and the next audit entry would point at no row. Clear it around every
    such test."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(request, "cls", None)
    if cls is None or not issubclass(cls, TransactionTestCase) or issubclass(cls, TestCase):
        yield
        return
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()
