"""Issue 16 §2: on PostgreSQL the audit trail is partitioned by year; retention drops a year's
partition whole, and the guard and the hash chain hold as before. SQLite keeps one table.

PostgreSQL pass: `scripts/test-postgres.sh dangjian/core/tests/test_audit_partitions.py`.
"""

import datetime as dt
import io
import unittest

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import TestCase

from dangjian.accounts.models import User
from dangjian.core import audit, audit_guard, audit_upkeep
from dangjian.core.audit_guard import partitions
from dangjian.core.importing.trail import insert_rows
from dangjian.core.models import AuditEntry

POSTGRES = connection.vendor == "postgresql"


def entry_at(moment: dt.datetime, label: str) -> AuditEntry:
    insert_rows(
        [
            AuditEntry(
                content_type=ContentType.objects.get_for_model(User),
                object_pk="",
                object_repr=label,
                action=AuditEntry.Action.ACCESS,
                event=audit.Event.EXPORT,
                timestamp=moment,
                additional_data={},
            )
        ]
    )
    return AuditEntry.objects.get(object_repr=label)


def at(year: int, month: int = 6, day: int = 1) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=dt.UTC)


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


class SQLiteKeepsOneTableTests(TestCase):
    @unittest.skipIf(POSTGRES, "SQLite only")
    def test_there_is_nothing_to_partition_on_sqlite(self):
        self.assertFalse(partitions.is_partitioned(connection))
        self.assertEqual(partitions.ensure_ahead(connection), [])
        self.assertIn("SQLite 数据库不分区", run("make_partitions"))


@unittest.skipUnless(POSTGRES, "partitioning is PostgreSQL's")
class PartitionTests(TestCase):
    """No named world: its entries, written now, would come before the back-dated ones in the chain."""

    def setUp(self):
        # Deferred foreign-key checks of the rows a test inserts would keep a partition from being
        # dropped in the same transaction; prune_audit's own transaction holds none.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        partitions.add_partitions(connection, 2025, 2026)

    def where(self, entry: AuditEntry) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT tableoid::regclass::text FROM core_auditentry WHERE id = %s", [entry.pk])
            return cursor.fetchone()[0]

    def assertRefused(self, sql, params=()):
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    def test_the_trail_is_partitioned_by_range_of_its_timestamp(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT p.partstrat, a.attname FROM pg_partitioned_table p "
                "JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] "
                "WHERE p.partrelid = 'core_auditentry'::regclass"
            )
            self.assertEqual(cursor.fetchone(), ("r", "timestamp"))
            cursor.execute(
                "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'core_auditentry'::regclass"
            )
            children = {row[0] for row in cursor.fetchall()}
        year = dt.datetime.now(dt.UTC).year
        expected = {"core_auditentry_default", *(partitions.partition_name(y) for y in range(year - 1, year + 3))}
        self.assertLessEqual(expected, children)

    def test_entries_land_in_their_years_partition_and_out_of_range_ones_in_default(self):
        self.assertEqual(self.where(entry_at(at(2025), "2025")), "core_auditentry_y2025")
        self.assertEqual(self.where(entry_at(at(2026, 12, 31), "2026")), "core_auditentry_y2026")
        self.assertEqual(self.where(entry_at(at(1999), "1999")), "core_auditentry_default")
        self.assertEqual(self.where(entry_at(at(2300), "2300")), "core_auditentry_default")
        self.assertEqual(self.where(audit.record(audit.Event.EXPORT, target=User, object_pk="")), self.partition_now())
        self.assertIsNone(audit_upkeep.verify().broken)

    def partition_now(self) -> str:
        return partitions.partition_name(dt.datetime.now(dt.UTC).year)

    def test_ids_go_on_from_the_sequence_across_partitions(self):
        first = entry_at(at(2025), "a")
        second = entry_at(at(1999), "b")
        third = entry_at(at(2026), "c")
        self.assertLess(first.pk, second.pk)
        self.assertLess(second.pk, third.pk)

    def test_a_new_year_takes_over_what_the_default_partition_held_for_it(self):
        stray = entry_at(at(2031), "2031")
        other = entry_at(at(2400), "2400")
        self.assertEqual(self.where(stray), "core_auditentry_default")
        self.assertEqual(partitions.add_partitions(connection, 2031, 2031), ["core_auditentry_y2031"])
        self.assertEqual(self.where(stray), "core_auditentry_y2031")
        self.assertEqual(self.where(other), "core_auditentry_default")
        self.assertEqual(partitions.add_partitions(connection, 2031, 2031), [])
        self.assertIsNone(audit_upkeep.verify().broken)
        # The new partition is guarded like the others.
        self.assertRefused("DELETE FROM core_auditentry_y2031")
        self.assertRefused("TRUNCATE core_auditentry_y2031")
        self.assertRefused("UPDATE core_auditentry SET object_repr = 'x' WHERE id = %s", [stray.pk])

    def test_every_partition_refuses_updates_deletes_and_truncate(self):
        entry = entry_at(at(2025), "2025")
        entry_at(at(1999), "1999")  # in DEFAULT: a row trigger refuses only where there are rows
        for table in ("core_auditentry_y2025", "core_auditentry_default", "core_auditentry"):
            self.assertRefused(f"UPDATE {table} SET object_repr = 'forged'")
            self.assertRefused(f"DELETE FROM {table}")
            self.assertRefused(f"TRUNCATE {table}")
        self.assertEqual(AuditEntry.objects.get(pk=entry.pk).object_repr, "2025")

    def test_retention_drops_the_old_years_partition_and_deletes_the_rest_row_by_row(self):
        partitions.add_partitions(connection, 2019, 2019)
        in_2019 = [entry_at(at(2019, m), f"2019-{m}") for m in (1, 6, 12)]
        in_2020 = entry_at(at(2020), "2020")  # no partition of its own: DEFAULT, deleted row by row
        kept = audit.record(audit.Event.EXPORT, target=User, object_pk="", object_repr="kept")
        output = run("prune_audit")
        self.assertIn("已删除 4 条", output)
        self.assertNotIn("core_auditentry_y2019", partitions.partition_names(connection))
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('core_auditentry_y2019')")
            self.assertIsNone(cursor.fetchone()[0])
            cursor.execute(
                "SELECT count(*) FROM dangjian_audit_chain WHERE entry_id = ANY(%s)",
                [[e.pk for e in [*in_2019, in_2020]]],
            )
            self.assertEqual(cursor.fetchone()[0], 0)
        self.assertFalse(AuditEntry.objects.filter(pk=in_2020.pk).exists())
        self.assertTrue(AuditEntry.objects.filter(pk=kept.pk).exists())
        pruned = AuditEntry.objects.get(event=audit.Event.PRUNE)
        dropped = pruned.additional_data["dropped_partitions"]
        self.assertIn("core_auditentry_y2019", dropped)
        cutoff = dt.datetime.fromisoformat(pruned.additional_data["cutoff"])
        for name in dropped:  # only whole years before the cut-off (last year's too, once it is past)
            self.assertLess(int(name.rsplit("_y", 1)[1]), cutoff.year)
        self.assertIn(self.partition_now(), partitions.partition_names(connection))
        self.assertEqual(pruned.additional_data["deleted"], 4)
        verdict = audit_upkeep.verify()
        self.assertIsNone(verdict.broken)
        self.assertEqual(verdict.checked, 2)  # the kept entry and the prune's own
        # The guard is intact afterwards.
        self.assertRefused("DELETE FROM core_auditentry WHERE id = %s", [kept.pk])
        self.assertRefused("SELECT dangjian_audit_prune(now() - interval '30 days')")

    def test_an_armed_prune_still_keeps_the_links_of_entries_younger_than_its_cutoff(self):
        young = entry_at(dt.datetime.now(dt.UTC) - dt.timedelta(days=10), "young")
        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=200)
        with self.assertRaises(DatabaseError), transaction.atomic(), audit_upkeep.lifted_for_prune(cutoff):
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM dangjian_audit_chain WHERE entry_id = %s", [young.pk])
        self.assertIsNone(audit_upkeep.verify().broken)

    def test_the_partial_year_is_deleted_row_by_row_and_its_partition_stays(self):
        # A year partition whose end is after the cut-off stays; its old rows go one by one.
        partitions.add_partitions(connection, 2019, 2020)
        old = entry_at(at(2020, 1, 15), "old")
        cutoff = at(2020, 3, 1)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT dangjian_audit_prune(%s)", [cutoff])
            self.assertEqual(cursor.fetchone()[0], 1)
        self.assertIn("core_auditentry_y2020", partitions.partition_names(connection))
        self.assertNotIn("core_auditentry_y2019", partitions.partition_names(connection))
        self.assertFalse(AuditEntry.objects.filter(pk=old.pk).exists())

    def test_prune_and_migrate_make_the_coming_years_ahead(self):
        year = dt.datetime.now(dt.UTC).year
        run("prune_audit")
        names = partitions.partition_names(connection)
        for y in (year, year + 1, year + 2):
            self.assertIn(partitions.partition_name(y), names)

    def test_the_command_makes_partitions_further_ahead_and_lists_them(self):
        year = dt.datetime.now(dt.UTC).year
        output = run("make_partitions", "--years-ahead", "5")
        self.assertIn(f"已新建分区：core_auditentry_y{year + 3}", output)
        self.assertIn("core_auditentry_default  其余时间（默认分区）", output)
        self.assertIn(f"study_meetingattendance_y{year + 5}", output)  # the attendance tables' too
        self.assertIn("study_meetingattendance（按年度）", output)
        self.assertIn("所需的年度分区都已存在", run("make_partitions", "--years-ahead", "5"))

    def test_the_plain_table_of_before_converts_keeping_every_entry_its_id_and_its_hash(self):
        entries = [entry_at(at(2025), "a"), entry_at(at(1999), "b"), entry_at(at(2026), "c")]
        head = audit_upkeep.verify().head
        self.assertTrue(partitions.unconvert(connection))
        audit_guard.install(connection)
        self.assertFalse(partitions.is_partitioned(connection))
        self.assertEqual(audit_upkeep.verify().head, head)
        self.assertTrue(partitions.convert(connection))
        audit_guard.install(connection)
        self.assertTrue(partitions.is_partitioned(connection))
        self.assertEqual(self.where(entries[0]), "core_auditentry_y2025")
        self.assertEqual(self.where(entries[1]), "core_auditentry_y1999")  # a year that held entries
        verdict = audit_upkeep.verify()
        self.assertIsNone(verdict.broken)
        self.assertEqual(verdict.head, head)
        newer = entry_at(at(2026), "d")
        self.assertGreater(newer.pk, entries[-1].pk)
        self.assertRefused("DELETE FROM core_auditentry WHERE id = %s", [newer.pk])
        self.assertRefused("TRUNCATE core_auditentry_y1999")


@unittest.skipUnless(POSTGRES, "logins and roles are PostgreSQL's")
class ApplicationLoginPartitionTests(TestCase):
    """The application's login makes partitions through the owner's function, and nothing more."""

    def setUp(self):
        if not audit_guard.pg_owner_is_separate(connection):
            self.skipTest("this cluster's login could not create the audit owner role")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("CREATE ROLE dangjian_probe NOLOGIN")
            cursor.execute("GRANT SELECT, INSERT ON core_auditentry TO dangjian_probe")
            cursor.execute("GRANT SELECT ON dangjian_audit_chain TO dangjian_probe")
            cursor.execute("SELECT pg_get_serial_sequence('core_auditentry', 'id')")
            cursor.execute(f"GRANT USAGE, SELECT ON SEQUENCE {cursor.fetchone()[0]} TO dangjian_probe")

    def as_app(self, sql, params=()):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL ROLE dangjian_probe")
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def test_the_login_makes_partitions_owned_by_the_audit_owner(self):
        self.assertEqual(
            self.as_app("SELECT dangjian_audit_add_partitions(2040, 2040)"), [(["core_auditentry_y2040"],)]
        )
        with connection.cursor() as cursor:
            cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'core_auditentry_y2040'")
            self.assertEqual(cursor.fetchone()[0], audit_guard.OWNER_ROLE)

    def test_the_logins_prune_drops_an_old_years_partition_through_the_owners_function(self):
        partitions.add_partitions(connection, 2019, 2019)
        entry_at(at(2019), "2019")
        self.assertEqual(self.as_app("SELECT dangjian_audit_prune(now() - interval '200 days')"), [(1,)])
        self.assertNotIn("core_auditentry_y2019", partitions.partition_names(connection))
        self.assertIsNone(audit_upkeep.verify().broken)

    def test_the_login_cannot_detach_drop_or_write_a_partition(self):
        for sql in (
            "ALTER TABLE core_auditentry DETACH PARTITION core_auditentry_default",
            "DROP TABLE core_auditentry_default",
            "DELETE FROM core_auditentry_default",
            "TRUNCATE core_auditentry_default",
            "ALTER TABLE core_auditentry_default DISABLE TRIGGER ALL",
        ):
            with self.assertRaises(DatabaseError):
                self.as_app(sql)


class RestoreOrderTests(TestCase):
    """pg_restore --clean drops in reverse order: a partition's key or index, still attached to its
    parent's, cannot go on its own, so the parents' come after the partitions' in the restore."""

    LISTING = """;
; Archive created at 2026-12-08 01:15:00 UTC
215; 1259 16396 TABLE public core_auditentry postgres
216; 1259 16403 TABLE public core_auditentry_default postgres
217; 1259 16412 TABLE public core_auditentry_y2026 postgres
230; 1259 16500 TABLE public people_member postgres
3216; 0 0 TABLE ATTACH public core_auditentry_default postgres
3217; 0 0 TABLE ATTACH public core_auditentry_y2026 postgres
3389; 0 16412 TABLE DATA public core_auditentry_y2026 postgres
3224; 2606 16401 CONSTRAINT public core_auditentry core_auditentry_pkey postgres
3227; 2606 16408 CONSTRAINT public core_auditentry_default core_auditentry_default_pkey postgres
3230; 2606 16417 CONSTRAINT public core_auditentry_y2026 core_auditentry_y2026_pkey postgres
3231; 2606 16501 CONSTRAINT public people_member people_member_pkey postgres
3225; 1259 16402 INDEX public core_auditentry_event_3c0a postgres
3228; 1259 16409 INDEX public core_auditentry_default_event_idx postgres
3235; 0 0 INDEX ATTACH public core_auditentry_default_pkey postgres
3236; 0 0 INDEX ATTACH public core_auditentry_default_event_idx postgres
3237; 0 0 INDEX ATTACH public core_auditentry_y2026_pkey postgres
3241; 2620 16432 TRIGGER public core_auditentry core_auditentry_append_only postgres""".splitlines()

    def test_the_partitions_keys_and_indexes_come_before_their_parents(self):
        from dangjian.core.backups.postgres import partitions_first

        ordered = partitions_first(self.LISTING)
        self.assertEqual(sorted(ordered), sorted(self.LISTING))
        ids = [line.split(";")[0] for line in ordered if line and not line.startswith(";")]
        self.assertEqual(
            ids,
            "215 216 217 230 3216 3217 3389 3227 3230 3228 3224 3231 3225 3235 3236 3237 3241".split(),
        )

    def test_an_archive_without_partitions_keeps_its_order(self):
        from dangjian.core.backups.postgres import partitions_first

        plain = [line for line in self.LISTING if "_default" not in line and "_y2026" not in line]
        self.assertEqual(partitions_first(plain), plain)
