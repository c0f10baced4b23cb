from django.db import transaction
from django.test import TestCase, TransactionTestCase

from dangjian.core import oncommit


def _broken() -> None:
    raise ConnectionError("cache server is down")


class OnceTests(TestCase):
    def test_it_runs_once_per_key_after_the_commit(self):
        ran: list[str] = []
        with self.captureOnCommitCallbacks(execute=True):
            oncommit.once("k", lambda: ran.append("a"))
            oncommit.once("k", lambda: ran.append("b"))
            self.assertTrue(oncommit.pending("k"))
            self.assertEqual(ran, [])
        self.assertEqual(ran, ["a"])


class BrokenUpkeepTests(TransactionTestCase):
    """A cache outage after a saved write is logged; the write is not turned into an error page."""

    def test_a_failing_callback_after_the_commit_does_not_raise(self):
        ran: list[str] = []
        with self.assertLogs("django.db.backends.base", "ERROR"):  # Django logs robust callbacks' errors
            with transaction.atomic():
                oncommit.once("broken", _broken)
                oncommit.once("ok", lambda: ran.append("ok"))
        self.assertEqual(ran, ["ok"])

    def test_a_failing_callback_outside_a_transaction_does_not_raise(self):
        with self.assertLogs("dangjian.core.oncommit", "ERROR"):
            oncommit.once("broken", _broken)
