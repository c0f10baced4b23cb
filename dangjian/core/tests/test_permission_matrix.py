"""Every route, visited as every named user, answers what the matrix says.

The rows live beside each app (`dangjian/<app>/tests/permission_rows.py`, see
dangjian.core.permission_matrix); the routes come from the URL resolver, pages
and API alike, so a route added without a row fails here. Write routes are
exercised with an empty POST, so the permission check is reached before any
validation: those allowed get their form back with errors or a redirect,
everyone else a recorded 404.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from dangjian.core.manifests import manifests
from dangjian.core.models import AuditEntry
from dangjian.core.permission_matrix import USERS, Row
from dangjian.core.testing import BaseTestCase


def route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                names.add(f"{namespace}:{p.name}" if namespace else str(p.name))

    walk(get_resolver().url_patterns, None)
    return names


def row_modules() -> list[Any]:
    """Each app's rows, from the module its manifest names."""
    return [importlib.import_module(m.permission_rows) for m in manifests() if m.permission_rows]


class PermissionMatrixTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.before_each: dict[str, Callable[[], Any]] = {}
        self.values: dict[str, Any] = {}
        self.rows: dict[str, Row] = {}
        for module in row_modules():
            clash = set(self.rows) & set(module.ROWS)
            self.assertEqual(clash, set(), f"routes with two rows: {clash}")
            self.rows.update(module.ROWS)
            if hasattr(module, "prepare"):
                self.values.update(module.prepare(self))

    def visit(self, name: str, user_name: str) -> int:
        r = self.rows[name]
        if name in self.before_each:
            self.before_each[name]()
        self.client.logout()
        if user_name != "anonymous":
            self.login_as(getattr(self.w, user_name))
        call = self.client.post if r.method == "POST" else self.client.get
        return call(r.path.format(**self.values)).status_code

    def test_every_route_has_a_row(self):
        self.assertEqual(route_names() - set(self.rows), set(), "routes without a row in the permission matrix")
        self.assertEqual(set(self.rows) - route_names(), set(), "rows for routes that no longer exist")

    def test_every_route_answers_each_user_as_the_matrix_says(self):
        wrong = []
        for name, r in self.rows.items():
            for user_name in USERS:
                got = self.visit(name, user_name)
                if got != r.expected(user_name):
                    wrong.append(f"{name} as {user_name}: expected {r.expected(user_name)}, got {got}")
        self.assertEqual(wrong, [])

    def test_every_refusal_is_in_the_audit_trail(self):
        for name, r in self.rows.items():
            for user_name in USERS:
                if r.expected(user_name) != 404 or user_name == "anonymous" or name == "api-v1:api-root":
                    continue
                before = AuditEntry.objects.filter(event="denied").count()
                self.visit(name, user_name)
                after = AuditEntry.objects.filter(event="denied").count()
                self.assertEqual(after, before + 1, f"{name} as {user_name} left no 'denied' entry")
