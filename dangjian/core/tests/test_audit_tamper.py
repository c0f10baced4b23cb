"""Issue 10 §2: every SQL form that could change or remove an entry is refused, the guard cannot be
switched on by the application's SQL, and a change made behind the guard's back shows in the hash chain.

Runs on SQLite and on PostgreSQL (`scripts/test-postgres.sh dangjian/core/tests/test_audit_tamper.py`).
"""

import io
import unittest

from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import TestCase

from dangjian.core import audit_guard, audit_upkeep
from dangjian.core.testing import BaseTestCase

from .test_audit_guard import make_entry

SQLITE = connection.vendor == "sqlite"
POSTGRES = connection.vendor == "postgresql"


class AttackTests(BaseTestCase):
    def assertRefused(self, *statements):
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)

    def columns(self):
        return ", ".join(f'"{c}"' for c in audit_guard._entry_columns(connection))

    def test_replace_into_and_upserts_cannot_overwrite_an_entry(self):
        entry = make_entry()
        cols = self.columns()
        values = cols.replace('"object_repr"', "%s")
        forged = f"SELECT {values} FROM core_auditentry WHERE id = %s"
        if SQLITE:
            for verb in ("REPLACE INTO", "INSERT OR REPLACE INTO"):
                self.assertRefused((f"{verb} core_auditentry ({cols}) {forged}", ["forged", entry.pk]))
        self.assertRefused(
            (
                f"INSERT INTO core_auditentry ({cols}) {forged} "
                "ON CONFLICT (id) DO UPDATE SET object_repr = excluded.object_repr",
                ["forged", entry.pk],
            )
        )
        entry.refresh_from_db()
        self.assertEqual(entry.object_repr, "测试")

    @unittest.skipUnless(SQLITE, "SQLite's guard table of before")
    def test_a_guard_table_written_by_hand_opens_nothing_on_sqlite(self):
        entry = make_entry(days_old=400)
        self.assertRefused(
            ("CREATE TABLE IF NOT EXISTS dangjian_audit_guard (mode TEXT NOT NULL, cutoff TEXT)", []),
            ("INSERT INTO dangjian_audit_guard (mode) VALUES ('flush')", []),
            ("DELETE FROM core_auditentry WHERE id = %s", [entry.pk]),
        )
        self.assertRefused(("SELECT dangjian_audit_guard()", []), ("DELETE FROM core_auditentry", []))

    @unittest.skipUnless(POSTGRES, "PostgreSQL's session settings")
    def test_set_config_opens_nothing_on_postgresql(self):
        entry = make_entry()
        for value in ("flush", "prune:2000-01-01T00:00:00+00:00"):
            self.assertRefused(
                ("SELECT set_config('dangjian.audit_guard', %s, true)", [value]),
                ("DELETE FROM core_auditentry WHERE id = %s", [entry.pk]),
            )
        self.assertRefused(("TRUNCATE core_auditentry CASCADE", []))

    @unittest.skipUnless(POSTGRES, "PostgreSQL's guard table")
    def test_a_hand_written_guard_row_never_reaches_entries_younger_than_180_days(self):
        entry = make_entry(days_old=100)
        self.assertRefused(
            ("INSERT INTO dangjian_audit_guard (txid, cutoff) VALUES (txid_current(), now())", []),
            ("DELETE FROM core_auditentry WHERE id = %s", [entry.pk]),
        )
        self.assertRefused(("SELECT dangjian_audit_arm_prune(now() - interval '30 days')", []))

    def test_the_chain_cannot_be_changed_either(self):
        entry = make_entry()
        self.assertRefused(("UPDATE dangjian_audit_chain SET entry_hash = 'x' WHERE entry_id = %s", [entry.pk]))
        self.assertRefused(("DELETE FROM dangjian_audit_chain WHERE entry_id = %s", [entry.pk]))
        if SQLITE:
            self.assertRefused(
                (
                    "INSERT OR REPLACE INTO dangjian_audit_chain (seq, entry_id, prev_hash, entry_hash) "
                    "SELECT seq, entry_id, prev_hash, 'x' FROM dangjian_audit_chain WHERE entry_id = %s",
                    [entry.pk],
                )
            )


@unittest.skipUnless(POSTGRES, "logins and roles are PostgreSQL's")
class ApplicationLoginTests(BaseTestCase):
    """As a login holding what the application's login holds once the trail has its own owner."""

    def setUp(self):
        super().setUp()
        if not audit_guard.pg_owner_is_separate(connection):
            self.skipTest("this cluster's login could not create the audit owner role")
        self.entry = make_entry(days_old=400)
        with connection.cursor() as cursor:
            cursor.execute("CREATE ROLE dangjian_probe NOLOGIN")
            cursor.execute("GRANT SELECT, INSERT ON core_auditentry TO dangjian_probe")
            cursor.execute("GRANT SELECT ON dangjian_audit_chain TO dangjian_probe")
            cursor.execute("SELECT pg_get_serial_sequence('core_auditentry', 'id')")
            cursor.execute(f"GRANT USAGE, SELECT ON SEQUENCE {cursor.fetchone()[0]} TO dangjian_probe")

    def assertRefusedAsApp(self, *statements):
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL ROLE dangjian_probe")
            for sql, params in statements:
                cursor.execute(sql, params)

    def test_every_way_round_the_guard_is_refused(self):
        pk = self.entry.pk
        for attack in (
            [("UPDATE core_auditentry SET object_repr = 'forged' WHERE id = %s", [pk])],
            [("DELETE FROM core_auditentry WHERE id = %s", [pk])],
            [("TRUNCATE core_auditentry", [])],
            [("ALTER TABLE core_auditentry DISABLE TRIGGER ALL", [])],
            [("DROP TRIGGER core_auditentry_append_only ON core_auditentry", [])],
            [("INSERT INTO dangjian_audit_guard (txid, cutoff) VALUES (txid_current(), now())", [])],
            [
                ("SELECT set_config('dangjian.audit_guard', 'flush', true)", []),
                ("DELETE FROM core_auditentry WHERE id = %s", [pk]),
            ],
            [("SET LOCAL session_replication_role = replica", [])],
            [("DELETE FROM dangjian_audit_chain", [])],
            [("SELECT dangjian_audit_arm_prune(now())", [])],
        ):
            self.assertRefusedAsApp(*attack)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM core_auditentry WHERE id = %s AND object_repr = '400 天前'", [pk])
            self.assertEqual(cursor.fetchone()[0], 1)

    def test_the_application_login_still_writes_entries_onto_the_chain_and_prunes_old_ones(self):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL ROLE dangjian_probe")
            make_entry()
            cursor.execute("SELECT dangjian_audit_prune(now() - interval '200 days')")
            self.assertEqual(cursor.fetchone()[0], 1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM core_auditentry WHERE id = %s", [self.entry.pk])
            self.assertEqual(cursor.fetchone()[0], 0)


class HashChainTests(BaseTestCase):
    def tamper(self, sql, params):
        """Change the trail behind the guard's back, as someone holding the database file or a superuser."""
        with connection.cursor() as cursor:
            if SQLITE:
                for table in ("core_auditentry", "dangjian_audit_chain"):
                    for drop in audit_guard.sqlite_drop_ddl(table):
                        cursor.execute(drop)
            else:
                cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(sql, params)
            if POSTGRES:
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")

    def verify_output(self):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("verify_audit", stdout=out, stderr=err)
        except SystemExit as e:
            return e.code, err.getvalue()
        return 0, out.getvalue()

    def test_an_untouched_trail_verifies(self):
        for _ in range(3):
            make_entry()
        make_entry(days_old=300)
        verdict = audit_upkeep.verify()
        self.assertIsNone(verdict.broken)
        self.assertGreaterEqual(verdict.checked, 4)
        code, text = self.verify_output()
        self.assertEqual(code, 0)
        self.assertIn("完整", text)

    def test_each_entry_carries_the_hash_of_the_one_before(self):
        first, second = make_entry(), make_entry()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT entry_id, prev_hash, entry_hash FROM dangjian_audit_chain WHERE entry_id IN (%s, %s) "
                "ORDER BY seq",
                [first.pk, second.pk],
            )
            (_, _, first_hash), (_, second_prev, _) = cursor.fetchall()
        self.assertEqual(second_prev, first_hash)

    def test_a_changed_entry_is_the_first_broken_link(self):
        make_entry()
        victim = make_entry()
        make_entry()
        with transaction.atomic():
            self.tamper("UPDATE core_auditentry SET object_repr = 'forged' WHERE id = %s", [victim.pk])
            verdict = audit_upkeep.verify()
            self.assertEqual(verdict.broken.entry_id, victim.pk)
            self.assertIn("内容", verdict.broken.reason)
            code, text = self.verify_output()
            self.assertEqual(code, 1)
            self.assertIn(f"id {victim.pk}", text)
            transaction.set_rollback(True)

    def test_a_removed_entry_is_found_with_or_without_its_chain_row(self):
        make_entry()
        victim = make_entry()
        after = make_entry()
        with transaction.atomic():
            self.tamper("DELETE FROM core_auditentry WHERE id = %s", [victim.pk])
            self.assertEqual(audit_upkeep.verify().broken.entry_id, victim.pk)
            self.tamper("DELETE FROM dangjian_audit_chain WHERE entry_id = %s", [victim.pk])
            self.assertEqual(audit_upkeep.verify().broken.entry_id, after.pk)
            transaction.set_rollback(True)

    def test_an_entry_written_around_the_chain_is_reported(self):
        entry = make_entry()
        with transaction.atomic():
            self.tamper("DELETE FROM dangjian_audit_chain WHERE entry_id = %s", [entry.pk])
            broken = audit_upkeep.verify().broken
            self.assertEqual(broken.entry_id, entry.pk)
            transaction.set_rollback(True)


class PruneChainTests(TestCase):
    """No named world here: its entries would be older in the chain than the back-dated ones."""

    def test_prune_cuts_the_oldest_links_and_the_rest_still_verifies(self):
        make_entry(days_old=400)
        make_entry(days_old=300)
        kept = make_entry()
        call_command("prune_audit", stdout=io.StringIO())
        verdict = audit_upkeep.verify()
        self.assertIsNone(verdict.broken)
        self.assertEqual(verdict.checked, 2)  # the kept entry and the prune's own
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM dangjian_audit_chain WHERE entry_id = %s", [kept.pk])
            self.assertEqual(cursor.fetchone()[0], 1)
