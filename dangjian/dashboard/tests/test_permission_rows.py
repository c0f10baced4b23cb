"""The dashboard app's rows of the permission matrix, checked on their own (the full matrix is slow)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dangjian.core.models import AuditEntry
from dangjian.core.permission_matrix import USERS
from dangjian.core.testing import BaseTestCase

from . import permission_rows


class DashboardPermissionRowsTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.before_each: dict[str, Callable[[], Any]] = {}
        self.values = permission_rows.prepare(self)

    def test_every_dashboard_route_answers_each_user_as_the_rows_say(self):
        wrong = []
        for name, r in permission_rows.ROWS.items():
            for user_name in USERS:
                if name in self.before_each:
                    self.before_each[name]()
                self.client.logout()
                if user_name != "anonymous":
                    self.login_as(getattr(self.w, user_name))
                before = AuditEntry.objects.filter(event="denied").count()
                call = self.client.post if r.method == "POST" else self.client.get
                got = call(r.path.format(**self.values)).status_code
                if got != r.expected(user_name):
                    wrong.append(f"{name} as {user_name}: expected {r.expected(user_name)}, got {got}")
                if got == 404 and AuditEntry.objects.filter(event="denied").count() == before:
                    wrong.append(f"{name} as {user_name}: a 404 not in the audit trail")
        self.assertEqual(wrong, [])
