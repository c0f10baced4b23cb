"""Reading pages does not write the session: activity is recorded at most once a minute."""

import time
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.accounts.middleware import LAST_SEEN_KEY
from dangjian.core.testing import BaseTestCase


def session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


class SessionWriteTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.now = time.time()
        clock = mock.patch("dangjian.accounts.middleware.time.time", side_effect=lambda: self.now)
        clock.start()
        self.addCleanup(clock.stop)
        self.login_as(self.w.staff)
        self.client.get("/dashboard/")  # the first page after the login records the activity

    def get(self) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get("/dashboard/").status_code, 200)
        return session_writes(queries)

    def test_it_does_not_write_the_session_for_reads_within_a_minute(self):
        self.now += 20
        self.assertEqual(self.get(), [])
        self.now += 30
        self.assertEqual(self.get(), [])

    def test_it_writes_the_activity_once_after_a_minute(self):
        self.now += 61
        self.assertEqual(len(self.get()), 1)
        self.assertEqual(self.client.session[LAST_SEEN_KEY], self.now)
        self.now += 5
        self.assertEqual(self.get(), [])

    def test_the_idle_timeout_still_ends_the_session(self):
        self.now += 50  # read without a write: the recorded activity stays at the first page
        self.assertEqual(self.get(), [])
        self.now += 30 * 60 - 50 + 1
        response = self.client.get("/dashboard/")
        self.assertRedirects(response, "/accounts/login/?next=%2Fdashboard%2F", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_activity_just_inside_the_timeout_keeps_the_session(self):
        self.now += 30 * 60 - 1
        self.assertEqual(len(self.get()), 1)
        self.now += 30 * 60 - 1
        self.assertEqual(self.client.get("/dashboard/").status_code, 200)
