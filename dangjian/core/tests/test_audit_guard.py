"""The audit trail is append-only in the database itself (SQLite and PostgreSQL alike)."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from dangjian.accounts.models import User
from dangjian.core import audit, audit_upkeep
from dangjian.core.importing.trail import AuditContext, insert_rows
from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase


def make_entry(days_old: float = 0, event: str = audit.Event.EXPORT) -> AuditEntry:
    """An entry written now, or DAYS_OLD days ago (inserted with that time: entries cannot be back-dated)."""
    if not days_old:
        return audit.record(event, target=User, object_pk="", object_repr="测试", data={})
    old = AuditEntry(
        content_type=ContentType.objects.get_for_model(User),
        object_pk="",
        object_repr=f"{days_old} 天前",
        action=AuditEntry.Action.ACCESS,
        event=event,
        timestamp=timezone.now() - dt.timedelta(days=days_old),
        additional_data={},
    )
    insert_rows([old])
    return AuditEntry.objects.get(object_repr=f"{days_old} 天前")


class DatabaseGuardTests(BaseTestCase):
    def assertRefused(self, sql, params=()):
        with self.assertRaises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    def test_raw_sql_cannot_update_an_entry(self):
        entry = make_entry()
        self.assertRefused("UPDATE core_auditentry SET object_repr = 'forged' WHERE id = %s", [entry.pk])
        entry.refresh_from_db()
        self.assertEqual(entry.object_repr, "测试")

    def test_raw_sql_cannot_delete_an_entry(self):
        entry = make_entry()
        self.assertRefused("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
        self.assertTrue(AuditEntry.objects.filter(pk=entry.pk).exists())

    def test_raw_sql_cannot_delete_an_old_entry_either(self):
        entry = make_entry(days_old=400)
        self.assertRefused("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
        self.assertTrue(AuditEntry.objects.filter(pk=entry.pk).exists())

    def test_the_orm_cannot_update_or_delete(self):
        entry = make_entry()
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEntry.objects.filter(pk=entry.pk).update(event="login")
        with self.assertRaises(DatabaseError), transaction.atomic():
            entry.delete()
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEntry.objects.all().delete()
        self.assertEqual(AuditEntry.objects.get(pk=entry.pk).event, audit.Event.EXPORT)

    def test_deleting_an_account_with_a_history_is_refused(self):
        # The trail names its actor; deactivate an account instead of deleting it.
        audit.record(audit.Event.LOGIN, actor=self.w.staff, target=self.w.staff)
        with self.assertRaises(DatabaseError), transaction.atomic():
            self.w.staff.delete()

    def test_inserts_keep_working_including_the_imports_bulk_inserts(self):
        context = AuditContext(actor=self.w.staff, remote_addr="10.0.0.1")
        entry = context.entry(self.w.org_a, action=AuditEntry.Action.UPDATE, changes={"name": ["a", "b"]}, org_id=None)
        insert_rows([entry])
        self.assertTrue(AuditEntry.objects.filter(cid=context.cid).exists())

    def test_a_lifted_guard_still_refuses_entries_younger_than_180_days(self):
        young = make_entry(days_old=100)
        too_recent_cutoff = timezone.now() - dt.timedelta(days=30)
        with self.assertRaises(DatabaseError), transaction.atomic():
            with audit_upkeep.lifted_for_prune(too_recent_cutoff):
                AuditEntry.objects.filter(pk=young.pk).delete()
        self.assertTrue(AuditEntry.objects.filter(pk=young.pk).exists())

    def test_a_lifted_guard_refuses_entries_younger_than_its_cutoff(self):
        entry = make_entry(days_old=200)
        cutoff = timezone.now() - dt.timedelta(days=300)
        with self.assertRaises(DatabaseError), transaction.atomic():
            with audit_upkeep.lifted_for_prune(cutoff):
                AuditEntry.objects.filter(pk=entry.pk).delete()

    def test_the_guard_is_back_after_the_prune_transaction(self):
        old = make_entry(days_old=400)
        other = make_entry(days_old=500)
        with transaction.atomic(), audit_upkeep.lifted_for_prune(timezone.now() - dt.timedelta(days=181)):
            AuditEntry.objects.filter(pk=old.pk).delete()
        self.assertFalse(AuditEntry.objects.filter(pk=old.pk).exists())
        self.assertRefused("DELETE FROM core_auditentry WHERE id = %s", [other.pk])


class AuditlogTableGuardTests(BaseTestCase):
    """auditlog's own table should stay empty (entries go to core.AuditEntry); if it exists, it is guarded too."""

    def test_auditlogs_own_table_carries_the_triggers(self):
        table = "auditlog_logentry"
        if table not in connection.introspection.table_names():
            self.skipTest("auditlog's own table does not exist in this database")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass", [table])
            else:
                cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
            names = {row[0] for row in cursor.fetchall()}
        self.assertTrue(any("append_only" in n for n in names), names)


class ChainOfOneBigStatementTests(BaseTestCase):
    """An INSERT of many entries at once (an import's trail) chains every one of them, and on
    PostgreSQL the trigger finds the chain's head by its index however small the chain was when the
    session first planned it (with a sequential scan every row read the whole chain: 20,000 entries
    took 28 s instead of 1 s)."""

    def test_every_entry_of_one_statement_is_chained(self):
        type_id = ContentType.objects.get_for_model(User).pk
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO core_auditentry (content_type_id, object_pk, object_repr, action, changes_text,"
                " changes, timestamp, event) SELECT %s, 'x', 'x', 0, '', '{}', %s, 'bulk'"
                + (
                    " FROM generate_series(1, 3000)"
                    if connection.vendor == "postgresql"
                    else " FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                    " SELECT i FROM n)"
                ),
                [type_id, timezone.now()],
            )
        self.assertEqual(AuditEntry.objects.filter(event="bulk").count(), 3000)
        self.assertIsNone(audit_upkeep.verify().broken)

    def test_the_chain_link_reads_the_head_by_its_index(self):
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL's plan cache")
        with connection.cursor() as cursor:
            cursor.execute("SELECT proconfig FROM pg_proc WHERE proname = 'dangjian_audit_chain_link'")
            self.assertIn("enable_seqscan=off", cursor.fetchone()[0])
