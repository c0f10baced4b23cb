"""`manage.py backup` and `restore` bring back every row of every table and every uploaded file
(issue 16 §3), and refuse what they cannot restore without touching anything.

The same test runs on SQLite (the online backup API, here into the in-memory test database) and on
PostgreSQL (pg_dump / pg_restore against the test database: scripts/test-postgres.sh).
"""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TransactionTestCase, override_settings

from dangjian.core import backups
from dangjian.core.audit_guard import CHAIN_TABLE, ENTRY_TABLE, partitions
from dangjian.core.models import AuditEntry
from dangjian.core.testing import World, make_org
from dangjian.orgs.models import Organization, OrgKind
from dangjian.people.models import Member
from dangjian.volunteer import services as volunteer_services
from dangjian.volunteer.models import Activity, Participation
from dangjian.volunteer.tests.helpers import make_activity, make_brigade, make_corps

AUDIT_TABLES = (ENTRY_TABLE, CHAIN_TABLE)


def every_row() -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, in a stable order (by their repr: columns of any type)."""
    tables = connection.introspection.table_names()
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            dump[table] = sorted((tuple(r) for r in cursor.fetchall()), key=repr)
    return dump


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class BackupRestoreTests(TransactionTestCase):
    # Naming the apps makes the flush between tests TRUNCATE … CASCADE, which PostgreSQL needs.
    available_apps = list(settings.INSTALLED_APPS)

    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="dangjian-backup-test-"))
        self.addCleanup(shutil.rmtree, self.folder, ignore_errors=True)
        self.media, self.uploads = self.folder / "media", self.folder / "uploads"
        paths = override_settings(VAR_DIR=self.folder, MEDIA_ROOT=self.media, UPLOAD_DIR=self.uploads)
        paths.enable()
        self.addCleanup(paths.disable)
        (self.media / "brands").mkdir(parents=True)
        (self.media / "brands" / "标识.png").write_bytes(b"\x89PNG logo")
        self.uploads.mkdir()
        (self.uploads / "import-members-1.xlsx").write_bytes(b"PK roster")

    def world(self) -> World:
        w = World()
        brigade = make_brigade(make_corps(w.committee), w.org_a)
        self.activity = make_activity(brigade, places=2)
        for member in (w.person_a, w.person_b):
            volunteer_services.signup(activity_id=self.activity.pk, member=member)
        return w

    def backup(self) -> Path:
        out = io.StringIO()
        call_command("backup", output=str(self.folder / "backups"), gzip=True, stdout=out)
        self.assertIn("备份完成", out.getvalue())
        return sorted((self.folder / "backups").glob("*.tar.gz"))[-1]

    def restore(self, archive: Path, **options: Any) -> str:
        out = io.StringIO()
        call_command("restore", str(archive), stdout=out, **options)
        return out.getvalue()

    def test_a_restore_brings_back_every_row_of_every_table_and_every_file(self):
        w = self.world()
        before, files_before = every_row(), (files_under(self.media), files_under(self.uploads))
        archive = self.backup()
        manifest = backups.read_manifest(archive)
        self.assertEqual(manifest.row_counts["people_member"], Member.objects.count())
        self.assertEqual(manifest.files, {"media": 1, "uploads": 1})
        self.assertIn(["core", "0001_initial"], manifest.migrations)
        entry = AuditEntry.objects.get(event="backup")  # on the trail, after the snapshot
        self.assertEqual(entry.additional_data["file"], archive.name)
        self.assertEqual(len(entry.additional_data["sha256"]), 64)
        # Life goes on: rows change, go and come; files change and come.
        Member.objects.filter(pk=w.person_a.pk).update(name="改过的名字")
        Participation.objects.filter(activity=self.activity).delete()
        Activity.objects.filter(pk=self.activity.pk).delete()
        make_org("C", "新来的机关党委", OrgKind.PARTY_COMMITTEE, w.committee)
        (self.media / "brands" / "标识.png").write_bytes(b"changed")
        (self.uploads / "later.xlsx").write_bytes(b"later")

        output = self.restore(archive, yes=True)

        self.assertIn("各表行数与备份清单一致", output)
        after = every_row()
        self.assertEqual(sorted(after), sorted(before))
        for table in before:
            if table not in AUDIT_TABLES:
                self.assertEqual(after[table], before[table], f"table {table} differs after the restore")
        # The trail is the backed-up one plus the restore itself, chained on.
        for table in AUDIT_TABLES:
            self.assertEqual(len(after[table]), len(before[table]) + 1, table)
            self.assertTrue(set(before[table]) <= set(after[table]), table)
        restored = AuditEntry.objects.latest("pk")
        self.assertEqual(restored.event, "restore")
        self.assertEqual(restored.additional_data["file"], archive.name)
        self.assertTrue(restored.additional_data["safety_backup"])  # what was overwritten was kept
        call_command("verify_audit", stdout=io.StringIO())  # exits 1 if a link is broken
        if connection.vendor == "postgresql":  # still partitioned by year, every partition guarded
            names = partitions.partition_names(connection)
            self.assertIn("core_auditentry_default", names)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(DISTINCT tgrelid) FROM pg_trigger WHERE tgname LIKE 'core_auditentry%_no_truncate'"
                )
                self.assertEqual(cursor.fetchone()[0], len(names) + 1)
        self.assertEqual((files_under(self.media), files_under(self.uploads)), files_before)
        self.assertFalse(Organization.objects.filter(code="C").exists())

    def fake_archive(self, **changes: Any) -> Path:
        """An archive of nothing but a manifest of this database, with CHANGES."""
        fields: dict[str, Any] = {
            "created_at": "2026-12-01T10:00:00+08:00",
            "vendor": connection.vendor,
            "app_version": "9.9.9",
            "migrations": [[app, name] for app, name in sorted(backups.known_migrations())],
            "row_counts": {},
        }
        manifest = backups.Manifest(**{**fields, **changes})
        path = self.folder / "fake.tar"
        raw = manifest.to_json()
        with tarfile.open(path, "w") as archive:
            info = tarfile.TarInfo(backups.MANIFEST)
            info.size = len(raw)
            archive.addfile(info, io.BytesIO(raw))
        return path

    def test_an_archive_from_a_newer_version_is_refused_and_nothing_changes(self):
        make_org("GW", "市直属机关工委", OrgKind.COMMITTEE)
        future = [*[[a, n] for a, n in sorted(backups.known_migrations())], ["orgs", "9999_from_the_future"]]
        with self.assertRaisesMessage(CommandError, "该备份来自更新的版本或未知的迁移状态"):
            self.restore(self.fake_archive(migrations=future), yes=True)
        self.assertTrue(Organization.objects.filter(code="GW").exists())
        self.assertFalse(AuditEntry.objects.filter(event="restore").exists())

    def test_an_archive_of_the_other_database_kind_is_refused(self):
        other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
        with self.assertRaisesMessage(CommandError, "不能恢复到当前的"):
            self.restore(self.fake_archive(vendor=other), yes=True)

    def test_restore_asks_before_it_overwrites(self):
        make_org("GW", "市直属机关工委", OrgKind.COMMITTEE)
        archive = self.fake_archive()
        with mock.patch("sys.stdin") as stdin:
            stdin.isatty.return_value = False
            with self.assertRaisesMessage(CommandError, "--yes"):
                self.restore(archive)
            stdin.isatty.return_value = True
            with mock.patch("builtins.input", return_value="no"), self.assertRaisesMessage(CommandError, "已取消"):
                self.restore(archive)
        self.assertTrue(Organization.objects.filter(code="GW").exists())

    def test_a_file_that_is_no_backup_gets_a_chinese_answer(self):
        junk = self.folder / "junk.tar"
        junk.write_bytes(b"not an archive")
        with self.assertRaisesMessage(CommandError, "不是有效的备份文件"):
            self.restore(junk, yes=True)
        with self.assertRaisesMessage(CommandError, "找不到备份文件"):
            self.restore(self.folder / "missing.tar", yes=True)

    def test_rows_that_do_not_match_the_manifest_are_reported(self):
        self.world()
        archive = self.backup()
        # The manifest claims a row the database copy does not hold.
        with tarfile.open(archive, "r:gz") as src:
            members = [(m, src.extractfile(m).read()) for m in src.getmembers()]
        tampered = self.folder / "tampered.tar"
        with tarfile.open(tampered, "w") as dst:
            for info, data in members:
                if info.name == backups.MANIFEST:
                    manifest = json.loads(data)
                    manifest["row_counts"]["orgs_organization"] += 1
                    data = json.dumps(manifest).encode()
                    info.size = len(data)
                dst.addfile(info, io.BytesIO(data))
        with self.assertRaisesMessage(CommandError, "orgs_organization：应为"):
            self.restore(tampered, yes=True, no_safety_backup=True)
