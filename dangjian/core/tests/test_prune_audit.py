"""`manage.py prune_audit` removes entries older than the retention (≥ 180 days) and records that it ran."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from dangjian.core.models import AuditEntry
from dangjian.core.testing import BaseTestCase

from .test_audit_guard import make_entry


class PruneTests(BaseTestCase):
    def run_prune(self, *args):
        out = io.StringIO()
        call_command("prune_audit", *args, stdout=out)
        return out.getvalue()

    def test_it_removes_entries_older_than_180_days_and_keeps_the_rest(self):
        old = [make_entry(days_old=d) for d in (181, 365, 1000)]
        kept = [make_entry(days_old=d) for d in (179, 30)] + [make_entry()]
        output = self.run_prune()
        self.assertIn("已删除 3 条", output)
        self.assertFalse(AuditEntry.objects.filter(pk__in=[e.pk for e in old]).exists())
        self.assertEqual(AuditEntry.objects.filter(pk__in=[e.pk for e in kept]).count(), 3)

    def test_it_records_that_it_ran(self):
        make_entry(days_old=200)
        self.run_prune()
        entry = AuditEntry.objects.get(event="audit_pruned")
        self.assertEqual(entry.additional_data["deleted"], 1)
        self.assertEqual(entry.additional_data["retention_days"], 180)

    def test_a_longer_retention_keeps_more(self):
        make_entry(days_old=200)
        make_entry(days_old=400)
        self.assertIn("已删除 1 条", self.run_prune("--days", "365"))

    def test_it_refuses_a_retention_under_180_days(self):
        make_entry(days_old=100)
        with self.assertRaisesMessage(CommandError, "至少保存 180 天"):
            self.run_prune("--days", "90")
        self.assertTrue(AuditEntry.objects.filter(object_repr="100 天前").exists())

    @override_settings(AUDIT_RETENTION_DAYS=365)
    def test_the_configured_retention_is_the_default(self):
        make_entry(days_old=200)
        self.assertIn("已删除 0 条", self.run_prune())

    def test_a_dry_run_deletes_nothing(self):
        make_entry(days_old=200)
        self.assertIn("将删除 1 条", self.run_prune("--dry-run"))
        self.assertTrue(AuditEntry.objects.filter(object_repr="200 天前").exists())
