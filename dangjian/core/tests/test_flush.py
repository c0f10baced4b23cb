"""`manage.py flush` may empty the trail in development and tests, never in production."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TransactionTestCase, override_settings

from dangjian.core import audit
from dangjian.core.models import AuditEntry


class FlushTests(TransactionTestCase):
    def setUp(self):
        audit.record(audit.Event.EXPORT, target=get_user_model(), object_pk="", data={})

    def test_flush_empties_the_trail_with_everything_else(self):
        call_command("flush", interactive=False, verbosity=0)
        self.assertFalse(AuditEntry.objects.exists())

    @override_settings(ENVIRONMENT="production")
    def test_flush_is_refused_in_production(self):
        with self.assertRaisesMessage(CommandError, "生产环境不允许清空审计记录"):
            call_command("flush", interactive=False, verbosity=0)
        self.assertTrue(AuditEntry.objects.exists())
