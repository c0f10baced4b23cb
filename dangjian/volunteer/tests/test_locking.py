"""The sign-up lock: SQLite must run with IMMEDIATE transactions, or sign-ups refuse to run."""

from __future__ import annotations

from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from dangjian.volunteer import services

from .helpers import VolunteerTestCase


class LockingTests(VolunteerTestCase):
    def test_it_runs_sqlite_with_immediate_transactions(self):
        if connection.vendor != "sqlite":
            self.skipTest("PostgreSQL locks the activity row with SELECT … FOR UPDATE")
        self.assertEqual(connection.settings_dict["OPTIONS"]["transaction_mode"], "IMMEDIATE")

    def test_it_refuses_to_sign_up_on_sqlite_without_them(self):
        options = {**connection.settings_dict.get("OPTIONS", {}), "transaction_mode": "DEFERRED"}
        with (
            mock.patch.object(connection, "vendor", "sqlite"),
            mock.patch.dict(connection.settings_dict, {"OPTIONS": options}),
        ):
            with self.assertRaises(ImproperlyConfigured):
                services.signup(activity_id=self.activity.pk, member=self.w.person_a)
