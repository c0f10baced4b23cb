"""The production layout's settings and the replica router's rules, without any server.

The settings are read in a process of their own with the environment a deployment sets; the
router and its middleware are driven directly (the real primary and replica: test_replica_pair.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, models
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, SimpleTestCase, override_settings

from dangjian.core import db_router, importing
from dangjian.core.db_router import ReplicaPinMiddleware, ReplicaRouter, reading_from_replica
from dangjian.core.importing import staging

ROOT = Path(settings.BASE_DIR)
PRIMARY = "postgres://app@db1.intranet:5432/dangjian"
REPLICA = "postgres://app@db2.intranet:5432/dangjian"
SHOW = """
import json, config.settings as s
print(json.dumps({
    "aliases": sorted(s.DATABASES), "replica_test": s.DATABASES.get("replica", {}).get("TEST"),
    "routers": getattr(s, "DATABASE_ROUTERS", []), "middleware": s.MIDDLEWARE,
    "session_engine": getattr(s, "SESSION_ENGINE", "django.contrib.sessions.backends.db"),
    "storages": s.STORAGES,
}))
"""


def read_settings(**env: str) -> tuple[dict[str, Any] | None, str]:
    """The settings a server started with ENV would have (None and the error when it refuses)."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DANGJIAN_", "PYTEST", "DATABASE_", "CACHE_URL", "S3_"))
    }
    base.update(DANGJIAN_VAR_DIR=tempfile.mkdtemp(prefix="dangjian-layout-"), **env)
    done = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        return None, done.stderr
    return json.loads(done.stdout), ""


class SettingsTests(SimpleTestCase):
    def test_it_changes_nothing_without_the_production_variables(self):
        found, error = read_settings()
        assert found is not None, error
        self.assertEqual(found["aliases"], ["default"])
        self.assertEqual(found["routers"], [])
        self.assertNotIn("dangjian.core.db_router.ReplicaPinMiddleware", found["middleware"])
        self.assertEqual(found["session_engine"], "django.contrib.sessions.backends.db")
        self.assertEqual(found["storages"]["default"]["BACKEND"], "django.core.files.storage.FileSystemStorage")
        self.assertNotIn("imports", found["storages"])

    def test_a_replica_adds_its_alias_the_router_and_the_pin(self):
        found, error = read_settings(DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL=REPLICA)
        assert found is not None, error
        self.assertEqual(found["aliases"], ["default", "replica"])
        self.assertEqual(found["replica_test"], {"MIRROR": "default"})
        self.assertEqual(found["routers"], ["dangjian.core.db_router.ReplicaRouter"])
        self.assertEqual(found["middleware"][-1], "dangjian.core.db_router.ReplicaPinMiddleware")

    def test_a_replica_needs_postgresql(self):
        found, error = read_settings(DATABASE_REPLICA_URL=REPLICA)  # the primary is the SQLite default
        self.assertIsNone(found)
        self.assertIn("DATABASE_REPLICA_URL needs PostgreSQL", error)

    def test_sessions_go_to_the_cache_with_redis(self):
        found, error = read_settings(CACHE_URL="redis://127.0.0.1:6379/0")
        assert found is not None, error
        self.assertEqual(found["session_engine"], "django.contrib.sessions.backends.cached_db")

    def test_s3_settings_give_the_s3_backend_for_uploads_and_imports(self):
        with tempfile.NamedTemporaryFile("w", suffix=".key") as secret:
            secret.write("minio-secret\n")
            secret.flush()
            found, error = read_settings(
                S3_BUCKET="dangjian",
                S3_ENDPOINT_URL="http://minio.intranet:9000",
                S3_ACCESS_KEY="dangjian-app",
                S3_SECRET_KEY_FILE=secret.name,
            )
        assert found is not None, error
        default, imports = found["storages"]["default"], found["storages"]["imports"]
        self.assertEqual(default["BACKEND"], "storages.backends.s3.S3Storage")
        options = default["OPTIONS"]
        self.assertEqual(options["bucket_name"], "dangjian")
        self.assertEqual(options["endpoint_url"], "http://minio.intranet:9000")
        self.assertEqual((options["access_key"], options["secret_key"]), ("dangjian-app", "minio-secret"))
        self.assertIsNone(options["default_acl"])  # private: downloads go through the scoped views
        self.assertFalse(options["file_overwrite"])
        self.assertEqual(imports["BACKEND"], "storages.backends.s3.S3Storage")
        self.assertNotEqual(imports["OPTIONS"]["location"], options["location"])
        # The lock installs the backend and boto3, and the options are ones it takes (no network:
        # boto3 connects on the first file, not when the storage is made).
        from django.utils.module_loading import import_string

        storage = import_string(default["BACKEND"])(**options)
        self.assertEqual((storage.bucket_name, storage.endpoint_url), ("dangjian", "http://minio.intranet:9000"))

    def test_half_of_the_s3_settings_is_refused(self):
        found, error = read_settings(S3_BUCKET="dangjian")
        self.assertIsNone(found)
        self.assertIn("S3_BUCKET and S3_ENDPOINT_URL go together", error)


class EveryUploadGoesThroughTheStorageTests(SimpleTestCase):
    def test_no_file_field_has_a_storage_of_its_own(self):
        fields = [
            f"{model._meta.label}.{field.name}"
            for model in apps.get_models()
            for field in model._meta.get_fields()
            if isinstance(field, models.FileField)
        ]
        self.assertGreater(len(fields), 5)
        own = [
            name
            for model in apps.get_models()
            for field in model._meta.get_fields()
            if isinstance(field, models.FileField) and field.storage is not default_storage
            for name in [f"{model._meta.label}.{field.name}"]
        ]
        self.assertEqual(own, [])

    @override_settings(
        STORAGES={**settings.STORAGES, "imports": {"BACKEND": "django.core.files.storage.InMemoryStorage"}},
        UPLOAD_DIR=Path(tempfile.gettempdir()) / "dangjian-test-import-copies",
    )
    def test_a_staged_import_waits_in_the_imports_storage_and_is_read_from_a_local_copy(self):
        session: dict[str, Any] = {}
        staged = importing.stage_upload(session, "members", SimpleUploadedFile("名册.xlsx", b"PK\x03\x04 roster"))
        stored = storages["imports"]
        self.assertTrue(stored.exists(staged.path.name))
        with stored.open(staged.path.name, "rb") as f:
            self.assertEqual(f.read(), b"PK\x03\x04 roster")
        staged.path.unlink()  # this server's copy is gone (the worker runs elsewhere): fetched again
        again = importing.take_staged(session, "members", staged.token)
        self.assertEqual(again.path.read_bytes(), b"PK\x03\x04 roster")
        staging.remove_staged_file(again.path.name)
        self.assertFalse(stored.exists(again.path.name))
        self.assertFalse(again.path.exists())


def _view_that_writes(request: HttpRequest) -> HttpResponse:
    ReplicaRouter().db_for_write(models.Model)
    return HttpResponse("ok")


def _view_that_reads(request: HttpRequest) -> HttpResponse:
    with reading_from_replica():
        return HttpResponse(ReplicaRouter().db_for_read(models.Model))


@mock.patch.object(db_router, "replica_configured", return_value=True)
@mock.patch.object(db_router, "replica_caught_up", return_value=True)
class RouterTests(SimpleTestCase):
    def setUp(self) -> None:
        self.router = ReplicaRouter()
        self.factory = RequestFactory()

    def in_fresh_request(self, view: Any, request: HttpRequest) -> HttpResponse:
        return ReplicaPinMiddleware(view)(request)

    def test_it_reads_the_replica_only_inside_a_block(self, *_: Any) -> None:
        outside = self.in_fresh_request(
            lambda r: HttpResponse(self.router.db_for_read(models.Model)), self.factory.get("/")
        )
        self.assertEqual(outside.content, b"default")
        self.assertEqual(self.in_fresh_request(_view_that_reads, self.factory.get("/")).content, b"replica")

    def test_it_reads_the_primary_when_the_replica_lags(self, caught_up: mock.Mock, _: Any) -> None:
        caught_up.return_value = False
        self.assertEqual(self.in_fresh_request(_view_that_reads, self.factory.get("/")).content, b"default")

    def test_it_reads_the_primary_inside_a_transaction(self, *_: Any) -> None:
        with mock.patch.object(connections["default"], "in_atomic_block", True):
            self.assertEqual(self.in_fresh_request(_view_that_reads, self.factory.get("/")).content, b"default")

    def test_a_write_sends_the_later_reads_of_the_block_to_the_primary(self, *_: Any) -> None:
        def view(request: HttpRequest) -> HttpResponse:
            with reading_from_replica():
                before = self.router.db_for_read(models.Model)
                self.assertEqual(self.router.db_for_write(models.Model), "default")
                return HttpResponse(f"{before} {self.router.db_for_read(models.Model)}")

        self.assertEqual(self.in_fresh_request(view, self.factory.get("/")).content, b"replica default")

    def test_a_post_pins_the_browser_to_the_primary_for_a_while(self, *_: Any) -> None:
        response = self.in_fresh_request(_view_that_reads, self.factory.post("/"))
        self.assertEqual(response.content, b"default")  # a POST reads its own writes
        cookie = response.cookies[db_router.PIN_COOKIE]
        self.assertEqual(cookie["max-age"], settings.REPLICA_PIN_SECONDS)
        self.assertTrue(cookie["httponly"])
        pinned = self.factory.get("/")
        pinned.COOKIES[db_router.PIN_COOKIE] = "1"
        self.assertEqual(self.in_fresh_request(_view_that_reads, pinned).content, b"default")

    def test_a_get_that_writes_pins_too_and_one_that_only_reads_does_not(self, *_: Any) -> None:
        self.assertIn(db_router.PIN_COOKIE, self.in_fresh_request(_view_that_writes, self.factory.get("/")).cookies)
        self.assertNotIn(db_router.PIN_COOKIE, self.in_fresh_request(_view_that_reads, self.factory.get("/")).cookies)

    def test_it_migrates_only_the_primary(self, *_: Any) -> None:
        self.assertIs(self.router.allow_migrate("replica", "people"), False)
        self.assertIsNone(self.router.allow_migrate("default", "people"))


class WithoutAReplicaTests(SimpleTestCase):
    def test_a_block_is_empty_without_a_replica(self) -> None:
        self.assertNotIn("replica", settings.DATABASES)
        self.assertEqual(getattr(settings, "DATABASE_ROUTERS", []), [])
        with reading_from_replica() as block:
            pass
        self.assertEqual(block.reads, {})
