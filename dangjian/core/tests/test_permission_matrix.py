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

    def prepare(self, module_name: str) -> None:
        """The records an app's rows visit, made by its own module (as its test_permission_rows does):
        a walk over one app's rows need not build every other app's records first."""
        module = importlib.import_module(module_name)
        if hasattr(module, "prepare"):
            self.values.update(module.prepare(self))

    def visit(self, name: str, user_name: str) -> int:
        r = self.rows[name]
        if name in self.before_each:
            self.before_each[name]()
        # Each visit starts without a session, as after a logout (the next login makes a new one);
        # forgetting the cookie spares the logout's own writes (audit entry, lockout log) per visit.
        self.client.cookies.clear()
        if user_name != "anonymous":
            self.login_as(getattr(self.w, user_name))
        call = self.client.post if r.method == "POST" else self.client.get
        return call(r.path.format(**self.values)).status_code

    def test_every_route_has_a_row(self):
        self.assertEqual(route_names() - set(self.rows), set(), "routes without a row in the permission matrix")
        self.assertEqual(set(self.rows) - route_names(), set(), "rows for routes that no longer exist")

    def test_the_walk_covers_every_row(self):
        walked = [name for _, _, names in CHUNKS for name in names]
        self.assertEqual(len(walked), len(set(walked)), "a row walked twice")
        self.assertEqual(set(walked), set(self.rows), "rows left out of the walk")

    def assert_answers(self, names: list[str]) -> None:
        """Each route as each user answers what its row says; and each refusal (a 404 to a signed-in
        user) leaves one 'denied' entry in the audit trail, checked on the same visit."""
        wrong = []
        for name in names:
            r = self.rows[name]
            for user_name in USERS:
                expected = r.expected(user_name)
                refusal = expected == 404 and user_name != "anonymous" and name != "api-v1:api-root"
                before = AuditEntry.objects.filter(event="denied").count() if refusal else 0
                got = self.visit(name, user_name)
                if got != expected:
                    wrong.append(f"{name} as {user_name}: expected {expected}, got {got}")
                if refusal:
                    after = AuditEntry.objects.filter(event="denied").count()
                    self.assertEqual(after, before + 1, f"{name} as {user_name} left no 'denied' entry")
        self.assertEqual(wrong, [])


# The walk is cut into one test per app and per CHUNK of its rows: one test
# over every route took minutes, and pytest-xdist spreads tests, not subtests.
CHUNK = 20


def chunks() -> list[tuple[str, str, list[str]]]:
    """(label, rows module, route names): each app's rows in their order, CHUNK at a time."""
    found: list[tuple[str, str, list[str]]] = []
    for m in manifests():
        if not m.permission_rows:
            continue
        names = list(importlib.import_module(m.permission_rows).ROWS)
        for i in range(0, len(names), CHUNK):
            found.append((f"{m.app}_{i // CHUNK + 1}", m.permission_rows, names[i : i + CHUNK]))
    return found


CHUNKS = chunks()


def _walk_test(module_name: str, names: list[str]) -> Callable[[PermissionMatrixTests], None]:
    def test(self: PermissionMatrixTests) -> None:
        self.prepare(module_name)
        self.assert_answers(names)

    return test


for _label, _module, _names in CHUNKS:
    setattr(
        PermissionMatrixTests,
        f"test_every_route_answers_each_user_as_the_matrix_says_and_refusals_are_audited__{_label}",
        _walk_test(_module, _names),
    )
